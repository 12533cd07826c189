"""pyrdicom.pixels (processing, render, png) against pydicom 3 as the oracle.

Real files are read through the `read` fixture (the reader under test) and compared with what
pydicom's own functions give on pydicom's data set of the same file, on the same input array
(pydicom's pixel array). Synthetic cases build pydicom Datasets, which the functions accept like
any data set with pydicom's interface.

Values are compared exactly (dtype, shape and every value), including float64 windowing and
rescale results: the same operations in the same order give the same bits. render() is checked
within +-1 against renderings computed here from pydicom's arrays.
"""

import io
import os
import struct
import warnings

import numpy as np
import pydicom
import pydicom.pixels.processing as oracle
import pytest
from PIL import Image
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixels import pixel_array as pydicom_pixel_array
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

import pyrdicom
from pyrdicom import pixels
from pyrdicom.pixels import png
from pyrdicom.pixels.png import encode_png, write_png
from pyrdicom.pixels.render import render

FUNCTIONS = ["LINEAR", "LINEAR_EXACT", "SIGMOID"]
PALETTE_UIDS = [f"1.2.840.10008.1.5.{i}" for i in range(1, 9)]
PALETTE_NAMES = ["HOT_IRON", "PET", "HOT_METAL_BLUE", "PET_20_STEP", "SPRING", "SUMMER"]


@pytest.fixture(params=["pyrdicom", "pydicom"])
def read(request):
    """The reader whose data sets the functions are given: pyrdicom's, and pydicom's (the
    functions take any object with pydicom's Dataset interface)."""
    return pyrdicom.dcmread if request.param == "pyrdicom" else pydicom.dcmread


def path_of(name):
    path = get_testdata_file(name)
    assert path, f"test file {name} is missing"
    return path


def load(read, name):
    """(data set under test, pydicom's data set, pydicom's pixel array) for a test file."""
    path = path_of(name)
    ours, ref = read(path, force=True), pydicom.dcmread(path, force=True)
    # OT-PAL-8-face.dcm has no file meta; it is implicit VR little endian
    for ds in (ours, ref):
        if "TransferSyntaxUID" not in ds.file_meta:
            ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    return ours, ref, ref.pixel_array


def same(ours, theirs):
    assert isinstance(ours, np.ndarray)
    assert ours.dtype == theirs.dtype
    assert ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)


def both(ours, ref, keyword, value):
    setattr(ours, keyword, value)
    setattr(ref, keyword, value)


def close(ours, expected, tolerance=1):
    assert ours.dtype == np.uint8
    assert ours.shape == expected.shape
    diff = np.abs(ours.astype(np.int64) - np.asarray(expected, dtype=np.float64).round())
    assert diff.max() <= tolerance


# --- Modality LUT ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["mlut_18.dcm", "CT_small.dcm", "693_UNCR.dcm", "MR2_UNCR.dcm", "RG3_UNCR.dcm"]
)
def test_modality_lut(read, name):
    ds, ref, arr = load(read, name)
    same(pixels.apply_modality_lut(arr, ds), oracle.apply_modality_lut(arr, ref))
    assert pixels.apply_rescale is pixels.apply_modality_lut


def test_modality_lut_values(read):
    ds, _, arr = load(read, "mlut_18.dcm")
    item = ds.ModalityLUTSequence[0]
    assert list(item.LUTDescriptor) == [4096, -2048, 16]
    out = pixels.apply_modality_lut(arr, ds)
    lut = np.asarray(item.LUTData)
    np.testing.assert_array_equal(out, lut[np.clip(arr.astype(int) + 2048, 0, 4095)])


def test_modality_lut_absent_returns_input(read):
    ds, _, arr = load(read, "MR_small.dcm")
    assert pixels.apply_modality_lut(arr, ds) is arr


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ExplicitVRBigEndian])
def test_modality_lut_ow(read, syntax):
    ds, ref, arr = load(read, "mlut_18.dcm")
    values = np.asarray(ref.ModalityLUTSequence[0].LUTData, dtype=np.uint16)
    data = values.astype("<u2" if syntax == ExplicitVRLittleEndian else ">u2").tobytes()
    for d in (ds, ref):
        d.file_meta.TransferSyntaxUID = syntax
        d.ModalityLUTSequence[0]["LUTData"].VR = "OW"
        d.ModalityLUTSequence[0].LUTData = data
    same(pixels.apply_modality_lut(arr, ds), oracle.apply_modality_lut(arr, ref))
    same(pixels.apply_modality_lut(arr, ds), values[np.clip(arr.astype(int) + 2048, 0, 4095)])


def test_lut_shorter_than_its_descriptor(read):
    # 4096 entries described as 65536 (a 0 first value): used as they are while every value
    # maps to an entry, an IndexError naming the first one that does not (as pydicom).
    ds, ref, _ = load(read, "mlut_18.dcm")
    for d in (ds, ref):
        d.ModalityLUTSequence[0].LUTDescriptor = [0, 0, 16]
    inside = np.asarray([0, 17, 4095])
    same(pixels.apply_modality_lut(inside, ds), oracle.apply_modality_lut(inside, ref))
    outside = np.asarray([0, 4095, 4096, 65535])
    with pytest.raises(IndexError, match="index 4096 is out of bounds"):
        oracle.apply_modality_lut(outside, ref)
    with pytest.raises(IndexError, match="index 4096 is out of bounds: the LUT data has 4096"):
        pixels.apply_modality_lut(outside, ds)


def test_modality_lut_ow_unknown_byte_order():
    item = Dataset()
    item.LUTDescriptor = [4, 0, 16]
    item.LUTData = bytes(8)
    item["LUTData"].VR = "OW"
    ds = Dataset()  # no file meta, no original encoding
    ds.ModalityLUTSequence = [item]
    with pytest.raises(AttributeError, match="endianness"):
        pixels.apply_modality_lut(np.zeros(3, np.int16), ds)


# --- VOI LUT and windowing ------------------------------------------------------------------


def test_voi_lut_sequence(read):
    ds, ref, arr = load(read, "vlut_04.dcm")
    same(pixels.apply_voi(arr, ds), oracle.apply_voi(arr, ref))
    same(pixels.apply_voi_lut(arr, ds), oracle.apply_voi_lut(arr, ref))
    lut = np.asarray(ds.VOILUTSequence[0].LUTData, dtype=np.uint16)
    same(pixels.apply_voi(arr, ds), lut[arr])


def test_voi_lut_float_input_warns(read):
    ds, ref, arr = load(read, "vlut_04.dcm")
    values = arr.astype(np.float64) + 0.7
    with pytest.warns(UserWarning, match="float input"):
        ours = pixels.apply_voi(values, ds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        same(ours, oracle.apply_voi(values, ref))


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ExplicitVRBigEndian])
def test_voi_lut_ow(read, syntax):
    ds, ref, arr = load(read, "vlut_04.dcm")
    values = np.asarray(ref.VOILUTSequence[0].LUTData, dtype=np.uint16)
    # OW data may be longer than the descriptor says
    data = values.astype("<u2" if syntax == ExplicitVRLittleEndian else ">u2").tobytes() + b"\0\0"
    for d in (ds, ref):
        d.file_meta.TransferSyntaxUID = syntax
        d.VOILUTSequence[0]["LUTData"].VR = "OW"
        d.VOILUTSequence[0].LUTData = data
    same(pixels.apply_voi(arr, ds), oracle.apply_voi(arr, ref))


@pytest.mark.parametrize("prefer_lut", [True, False])
def test_voi_lut_prefers_lut_or_window(read, prefer_lut):
    ds, ref, arr = load(read, "vlut_04.dcm")
    both(ds, ref, "WindowCenter", 128)
    both(ds, ref, "WindowWidth", 100)
    ours = pixels.apply_voi_lut(arr, ds, prefer_lut=prefer_lut)
    same(ours, oracle.apply_voi_lut(arr, ref, prefer_lut=prefer_lut))
    assert ours.dtype == (np.uint16 if prefer_lut else np.float64)


def test_voi_lut_sequence_index(read):
    ds, ref, arr = load(read, "vlut_04.dcm")
    for d in (ds, ref):
        second = (pyrdicom.Dataset if isinstance(d, pyrdicom.Dataset) else Dataset)()
        second.LUTDescriptor = [128, 64, 8]
        second.LUTData = list(range(0, 256, 2))
        d.VOILUTSequence.append(second)
    ours = pixels.apply_voi(arr, ds, index=1)
    same(ours, oracle.apply_voi(arr, ref, index=1))
    assert ours.dtype == np.uint8
    same(ours, (np.clip(arr.astype(int) - 64, 0, 127) * 2).astype(np.uint8))


def test_voi_lut_wide_8_bit_lut_does_not_wrap():
    # pydicom 3.0.2 indexes a uint8 array here, so index 300 wraps to 44; PS3.3 C.11.2.1.1
    # maps 300 to entry 300.
    ds = Dataset()
    item = Dataset()
    item.LUTDescriptor = [1024, 0, 8]
    item.LUTData = [i // 4 for i in range(1024)]
    ds.VOILUTSequence = [item]
    arr = np.array([10, 300, 700, 2000], dtype=np.uint16)
    same(pixels.apply_voi(arr, ds), np.array([2, 75, 175, 255], dtype=np.uint8))


def test_voi_lut_unsupported_depth():
    ds = Dataset()
    item = Dataset()
    item.LUTDescriptor = [256, 0, 5]
    item.LUTData = list(range(256))
    ds.VOILUTSequence = [item]
    with pytest.raises(NotImplementedError, match="'5' bits"):
        pixels.apply_voi(np.zeros(4, np.uint8), ds)


def test_voi_lut_absent_returns_input(read):
    ds, _, arr = load(read, "OBXXXX1A.dcm")
    assert pixels.apply_voi_lut(arr, ds) is arr
    assert pixels.apply_voi(arr, ds) is arr
    assert pixels.apply_windowing(arr, ds) is arr


WINDOW_CASES = [
    # file, window to set (None: the file's own), index
    ("MR_small.dcm", None, 0),
    ("CT_small.dcm", (40, 400), 0),
    ("RG1_UNCR.dcm", None, 0),
    ("RG3_UNCR.dcm", None, 0),
    ("MR-SIEMENS-DICOM-WithOverlays.dcm", None, 0),
    ("MR-SIEMENS-DICOM-WithOverlays.dcm", None, 1),
    ("693_UNCR.dcm", None, 0),
    ("MR2_UNCR.dcm", None, 0),
    ("mlut_18.dcm", (30000, 20000), 0),
    ("CT_small.dcm", ([40, 300], [400, 1500]), 1),
]


@pytest.mark.parametrize("function", [None, *FUNCTIONS])
@pytest.mark.parametrize(("name", "window", "index"), WINDOW_CASES)
def test_windowing(read, name, window, index, function):
    ds, ref, arr = load(read, name)
    if window is not None:
        both(ds, ref, "WindowCenter", window[0])
        both(ds, ref, "WindowWidth", window[1])
    if function is not None:
        both(ds, ref, "VOILUTFunction", function)
    values = oracle.apply_modality_lut(arr, ref)
    expected = oracle.apply_windowing(values, ref, index=index)
    same(pixels.apply_windowing(values, ds, index=index), expected)
    same(pixels.apply_voi_lut(values, ds, index=index), expected)
    # and on the stored values
    same(pixels.apply_windowing(arr, ds, index=index), oracle.apply_windowing(arr, ref, index))


@pytest.mark.parametrize("function", ["LINEAR", "LINEAR_EXACT"])
@pytest.mark.parametrize("width", [1, 1.5, 2])
def test_windowing_narrow(read, function, width):
    ds, ref, arr = load(read, "MR_small.dcm")
    both(ds, ref, "WindowCenter", 600)
    both(ds, ref, "WindowWidth", width)
    both(ds, ref, "VOILUTFunction", function)
    same(pixels.apply_windowing(arr, ds), oracle.apply_windowing(arr, ref))


def test_windowing_values(read):
    ds, _, _ = load(read, "MR_small.dcm")
    assert (ds.BitsStored, ds.PixelRepresentation) == (16, 1)
    ds.WindowCenter, ds.WindowWidth = 100, 101
    x = np.array([-1000, 49.5, 50, 100, 149.5, 150, 1000])
    out = pixels.apply_windowing(x, ds)
    y = ((x - 99.5) / 100 + 0.5) * 65535 - 32768
    np.testing.assert_array_equal(out, np.where(x <= 49.5, -32768, np.where(x > 149.5, 32767, y)))


@pytest.mark.parametrize(
    ("function", "width", "message"),
    [
        ("LINEAR", 0.5, "greater than or equal to 1"),
        ("LINEAR_EXACT", 0, "greater than 0"),
        ("SIGMOID", 0, "greater than 0"),
        ("SIGMOID", -1, "greater than 0"),
        ("BOGUS", 10, "Unsupported"),
    ],
)
def test_windowing_errors(read, function, width, message):
    ds, ref, arr = load(read, "MR_small.dcm")
    both(ds, ref, "WindowWidth", width)
    both(ds, ref, "VOILUTFunction", function)
    with pytest.raises(ValueError, match=message):
        oracle.apply_windowing(arr, ref)
    with pytest.raises(ValueError, match=message):
        pixels.apply_windowing(arr, ds)


def test_windowing_needs_monochrome(read):
    ds, _, arr = load(read, "SC_rgb.dcm")
    ds.WindowCenter, ds.WindowWidth = 128, 256
    with pytest.raises(ValueError, match="MONOCHROME1"):
        pixels.apply_windowing(arr, ds)


# --- Presentation LUT -----------------------------------------------------------------------


def test_presentation_lut_shape(read):
    ds, ref, arr = load(read, "OBXXXX1A.dcm")
    assert ds.PresentationLUTShape == "IDENTITY"
    assert pixels.apply_presentation_lut(arr, ds) is arr
    ds, ref, arr = load(read, "MR_small.dcm")
    both(ds, ref, "PresentationLUTShape", "INVERSE")
    same(pixels.apply_presentation_lut(arr, ds), oracle.apply_presentation_lut(arr, ref))
    same(pixels.apply_presentation_lut(arr, ds), arr.max() - arr)
    ds.PresentationLUTShape = "LIN OD"
    with pytest.raises(NotImplementedError, match="LIN OD"):
        pixels.apply_presentation_lut(arr, ds)


def presentation_lut(descriptor, data, vr):
    item = Dataset()
    item.LUTDescriptor = descriptor
    item.LUTData = data
    item["LUTData"].VR = vr
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.PresentationLUTSequence = [item]
    return ds


@pytest.mark.parametrize(
    ("descriptor", "vr"),
    [([4096, 0, 12], "US"), ([4096, 0, 16], "OW"), ([256, 0, 8], "OW"), ([0, 0, 10], "OW")],
)
def test_presentation_lut_sequence(read, descriptor, vr):
    _, _, arr = load(read, "CT_small.dcm")
    nr_entries = descriptor[0] or 2**16
    rng = np.random.default_rng(7)
    values = rng.integers(0, 2**16, nr_entries, dtype=np.uint16)  # high bits set to be cleared
    if vr == "US":
        data = values.tolist()
    elif descriptor[2] <= 8:
        data = values.astype(np.uint8).tobytes()
    else:
        data = values.astype("<u2").tobytes()
    ds = presentation_lut(descriptor, data, vr)
    ours = pixels.apply_presentation_lut(arr, ds)
    same(ours, oracle.apply_presentation_lut(arr, ds))
    assert ours.max() < 2 ** descriptor[2]


# --- Palette colour -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "OBXXXX1A.dcm",
        "OBXXXX1A_2frame.dcm",
        "OBXXXX1A_rle.dcm",
        "OT-PAL-8-face.dcm",
        "examples_palette.dcm",
        "gdcm-US-ALOKA-16.dcm",
        "gdcm-US-ALOKA-16_big.dcm",
    ],
)
def test_color_lut(read, name):
    ds, ref, arr = load(read, name)
    ours = pixels.apply_color_lut(arr, ds)
    same(ours, oracle.apply_color_lut(arr, ref))
    assert ours.shape == (*arr.shape, 3)


@pytest.mark.parametrize("name", ["OBXXXX1A_expb.dcm", "OBXXXX1A_expb_2frame.dcm"])
def test_color_lut_big_endian(read, name):
    # pydicom 3.0.2 reads big endian 16-bit palette data as little endian (entries 0x0100
    # become 1); pyrdicom reads them in the data set's byte order, matching the little
    # endian file.
    ds, _, arr = load(read, name)
    _, le_ref, le_arr = load(read, name.replace("_expb", ""))
    np.testing.assert_array_equal(arr, le_arr)
    same(pixels.apply_color_lut(arr, ds), oracle.apply_color_lut(le_arr, le_ref))


def test_color_lut_values(read):
    ds, _, arr = load(read, "OT-PAL-8-face.dcm")
    lut = np.frombuffer(ds.RedPaletteColorLookupTableData, dtype="<u2")
    assert list(ds.RedPaletteColorLookupTableDescriptor) == [200, 0, 16]
    out = pixels.apply_color_lut(arr, ds)
    np.testing.assert_array_equal(out[..., 0], lut[np.minimum(arr, 199)])


@pytest.mark.parametrize("uid", PALETTE_UIDS)
def test_well_known_palette_by_uid(uid):
    arr = np.arange(-10, 256, dtype=np.int16).reshape(14, 19)
    ours = pixels.apply_color_lut(arr, palette=uid)
    same(ours, oracle.apply_color_lut(arr, palette=uid))
    assert ours.dtype == np.uint8
    # Past the last entry, the last entry (pydicom 3.0.2 wraps 8-bit palettes' indices: 256 -> 0)
    past = pixels.apply_color_lut(np.array([256, 300, 4000], dtype=np.int16), palette=uid)
    np.testing.assert_array_equal(past, np.repeat(ours[-1:, -1], 3, axis=0))


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_well_known_palette_by_name(name):
    arr = np.arange(256, dtype=np.uint8).reshape(16, 16)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns that a name is no valid UID
        expected = oracle.apply_color_lut(arr, palette=name)
    same(pixels.apply_color_lut(arr, palette=name), expected)


@pytest.mark.parametrize(
    ("name", "uid"), [("FALL", "1.2.840.10008.1.5.7"), ("WINTER", "1.2.840.10008.1.5.8")]
)
def test_well_known_palette_fall_winter(name, uid):
    # PS3.6 Annex B: FALL is 1.2.840.10008.1.5.7, WINTER 1.5.8. pydicom 3.0.2 swaps the two
    # names; pyrdicom follows the standard (and pydicom's own palette files' UIDs).
    arr = np.arange(256, dtype=np.uint8)
    same(pixels.apply_color_lut(arr, palette=name), oracle.apply_color_lut(arr, palette=uid))


def test_well_known_palette_given_with_data_set(read):
    ds, _, _ = load(read, "OBXXXX1A.dcm")
    arr = np.arange(256, dtype=np.uint8)
    same(
        pixels.apply_color_lut(arr, ds, palette="PET"),
        oracle.apply_color_lut(arr, palette="1.2.840.10008.1.5.2"),
    )


def test_color_lut_errors(read):
    arr = np.zeros((2, 2), dtype=np.uint8)
    with pytest.raises(ValueError, match="Either 'ds' or 'palette'"):
        pixels.apply_color_lut(arr)
    with pytest.raises(ValueError, match="Unknown palette 'SUNSET'"):
        pixels.apply_color_lut(arr, palette="SUNSET")
    with pytest.raises(ValueError, match="Unknown palette"):
        pixels.apply_color_lut(arr, palette="1.2.3.4")
    ds, _, _ = load(read, "MR_small.dcm")
    with pytest.raises(ValueError, match="No suitable Palette Color Lookup Table"):
        pixels.apply_color_lut(arr, ds)
    ds, ref, arr = load(read, "eCT_Supplemental.dcm")
    with pytest.raises(ValueError, match="Supplemental Palette"):
        oracle.apply_color_lut(arr, ref)
    with pytest.raises(ValueError, match="Supplemental Palette"):
        pixels.apply_color_lut(arr, ds)


def palette(descriptor, channels, segmented=False, syntax=ExplicitVRLittleEndian):
    """A data set with a Palette Color Lookup Table Module; `channels` are R, G, B(, A) bytes."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = syntax
    ds.PhotometricInterpretation = "PALETTE COLOR"
    prefix = "Segmented" if segmented else ""
    for colour, data in zip(("Red", "Green", "Blue", "Alpha"), channels, strict=False):
        setattr(ds, f"{colour}PaletteColorLookupTableDescriptor", descriptor)
        setattr(ds, f"{prefix}{colour}PaletteColorLookupTableData", data)
    return ds


def test_color_lut_alpha_and_first_value():
    rng = np.random.default_rng(3)
    channels = [rng.integers(0, 2**16, 300, dtype=np.uint16).tobytes() for _ in range(4)]
    ds = palette([300, 100, 16], channels)
    arr = np.arange(0, 500, dtype=np.uint16).reshape(20, 25)
    ours = pixels.apply_color_lut(arr, ds)
    same(ours, oracle.apply_color_lut(arr, ds))
    assert ours.shape == (20, 25, 4)
    alpha = np.frombuffer(channels[3], dtype="<u2")
    np.testing.assert_array_equal(ours[..., 3], alpha[np.clip(arr.astype(int) - 100, 0, 299)])


def test_color_lut_negative_first_value():
    rng = np.random.default_rng(4)
    channels = [rng.integers(0, 256, 256, dtype=np.uint8).tobytes() for _ in range(3)]
    ds = palette([256, -128, 8], channels)
    arr = np.arange(-200, 128, dtype=np.int16).reshape(8, 41)
    ours = pixels.apply_color_lut(arr, ds)
    same(ours, oracle.apply_color_lut(arr, ds))
    assert ours.dtype == np.uint8
    # -128 is the first entry, 127 the last and anything above maps to it
    np.testing.assert_array_equal(ours[0, 0, 0], channels[0][0])
    past = pixels.apply_color_lut(np.array([127, 128, 3000], dtype=np.int16), ds)
    np.testing.assert_array_equal(past[:, 0], [channels[0][255]] * 3)


def test_color_lut_wide_8_bit_palette_does_not_wrap():
    # 8-bit entries, 1024 of them: pydicom 3.0.2 wraps indices at 256 (300 -> 44)
    lut = bytes(i // 4 for i in range(1024))
    ds = palette([1024, 0, 8], [lut, lut, lut])
    arr = np.array([10, 300, 700, 2000], dtype=np.uint16)
    out = pixels.apply_color_lut(arr, ds)
    np.testing.assert_array_equal(out[:, 1], [2, 75, 175, 255])


def test_color_lut_bad_depth():
    ds = palette([256, 0, 16], [bytes(300)] * 3)
    with pytest.raises(ValueError, match=r"bit depth of the LUT data '9\.4'"):
        pixels.apply_color_lut(np.zeros(3, np.uint8), ds)
    ds = palette([256, 0, 8], [bytes(256), bytes(256), bytes(512)])
    with pytest.raises(ValueError, match="same length"):
        pixels.apply_color_lut(np.zeros(3, np.uint8), ds)


def segments_16(entries, big_endian=False):
    return np.asarray(entries, dtype=">u2" if big_endian else "<u2").tobytes()


def segments_8(entries):
    return bytes(entries)


# discrete 3, linear 5, indirect: 1 segment from entry 5 (the linear one), linear 4 down to 0
SEGMENTS_16 = [0, 3, 1000, 20000, 30000, 1, 5, 800, 2, 1, 5, 0, 1, 4, 0, 0, 2, 300, 301]
LENGTH_16 = 3 + 5 + 5 + 4 + 2


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ExplicitVRBigEndian])
def test_segmented_16_bit(syntax):
    big = syntax == ExplicitVRBigEndian
    red = segments_16(SEGMENTS_16, big)
    green = segments_16([0, 1, 7, 1, LENGTH_16 - 1, 65535], big)
    blue = segments_16([0, 2, 9, 9, 2, 1, 0, 0, 1, LENGTH_16 - 4, 4000], big)
    ds = palette([LENGTH_16, 0, 16], [red, green, blue], segmented=True, syntax=syntax)
    arr = np.arange(LENGTH_16 + 3, dtype=np.uint16)
    ours = pixels.apply_color_lut(arr, ds)
    same(ours, oracle.apply_color_lut(arr, ds))
    np.testing.assert_array_equal(ours[:4, 0], [1000, 20000, 30000, 24160])


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ExplicitVRBigEndian])
def test_segmented_8_bit(syntax):
    # The indirect segment's 32-bit offset (5) in four 8-bit entries, in 16-bit word order
    offset = [5, 0, 0, 0] if syntax == ExplicitVRLittleEndian else [0, 5, 0, 0]
    red = segments_8([0, 3, 10, 200, 30, 1, 5, 80, 2, 1, *offset, 1, 4, 0, 0])
    green = segments_8([0, 1, 0, 1, 16, 255])
    blue = segments_8([0, 4, 1, 2, 3, 4, 2, 1, 0, 0, 0, 0, 1, 9, 250])
    ds = palette([16, 0, 8], [red, green, blue], segmented=True, syntax=syntax)
    arr = np.arange(20, dtype=np.uint8)
    ours = pixels.apply_color_lut(arr, ds)
    same(ours, oracle.apply_color_lut(arr, ds))
    assert ours.dtype == np.uint8


def test_segmented_needs_byte_order():
    ds = palette([4, 0, 16], [segments_16([0, 4, 1, 2, 3, 4])] * 3, segmented=True)
    del ds.file_meta.TransferSyntaxUID
    with pytest.raises(AttributeError, match="endianness"):
        pixels.apply_color_lut(np.zeros(2, np.uint8), ds)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([1, 4, 100], "first segment cannot be a linear segment"),
        ([2, 1, 0, 0], "first segment cannot be an indirect segment"),
        ([0, 1, 5, 3, 1, 0], "unknown segment type '3'"),
        ([0, 1, 5, 1, 4], "truncated"),
        ([0, 1, 5, 2, 1, 0], "truncated"),
        # an indirect segment copying the segments up to and including itself
        ([0, 1, 5, 2, 2, 0, 0], "nests indirect segments"),
        ([0, 1, 5, *[1, 65535, 7] * 2], "expands past 65536 entries"),
    ],
)
def test_segmented_bad_data(entries, message):
    ds = palette([0, 0, 16], [segments_16(entries)] * 3, segmented=True)
    with pytest.raises(ValueError, match=message):
        pixels.apply_color_lut(np.zeros(2, np.uint16), ds)


def test_segmented_bounds_revisiting_work():
    # Each indirect segment re-reads 60000 empty discrete segments: bounded, not a hang
    entries = [0, 1, 5] + [0, 0] * 60000 + [2, 60000, 3, 0] * 100
    ds = palette([0, 0, 16], [segments_16(entries)] * 3, segmented=True)
    with pytest.raises(ValueError, match="too many segments"):
        pixels.apply_color_lut(np.zeros(2, np.uint16), ds)


# --- Colour spaces --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "space"),
    [
        ("SC_ybr_full_uncompressed.dcm", "YBR_FULL"),
        ("SC_ybr_full_422_uncompressed.dcm", "YBR_FULL_422"),
    ],
)
def test_convert_ybr_files(read, name, space):
    ds, _, _ = load(read, name)
    assert ds.PhotometricInterpretation == space
    raw = pydicom_pixel_array(path_of(name), raw=True)
    rgb = pixels.convert_color_space(raw, space, "RGB")
    same(rgb, oracle.convert_color_space(raw, space, "RGB"))
    same(rgb, pydicom.dcmread(path_of(name)).pixel_array)
    for target in ("YBR_FULL", "YBR_FULL_422"):
        same(
            pixels.convert_color_space(rgb, "RGB", target),
            oracle.convert_color_space(rgb, "RGB", target),
        )


@pytest.mark.parametrize(("current", "desired"), [("RGB", "YBR_FULL"), ("YBR_FULL", "RGB")])
def test_convert_color_space_all_values(current, desired):
    # Every 8-bit triple once (rounding and clipping at every edge)
    values = np.arange(2**24, dtype=np.uint32)
    arr = np.stack([values >> 16, (values >> 8) & 255, values & 255], axis=-1).astype(np.uint8)
    arr = arr.reshape(4096, 4096, 3)
    same(
        pixels.convert_color_space(arr, current, desired),
        oracle.convert_color_space(arr, current, desired),
    )


def test_convert_color_space_per_frame(read):
    _, _, arr = load(read, "SC_rgb_2frame.dcm")
    expected = oracle.convert_color_space(arr, "RGB", "YBR_FULL")
    ours = pixels.convert_color_space(arr.copy(), "RGB", "YBR_FULL")
    same(ours, expected)
    frames = arr.copy()
    assert pixels.convert_color_space(frames, "RGB", "YBR_FULL", per_frame=True) is frames
    same(frames, expected)


def test_convert_color_space_unchanged_and_errors():
    arr = np.zeros((2, 2, 3), dtype=np.uint8)
    for current, desired in [
        ("RGB", "RGB"),
        ("YBR_FULL", "YBR_FULL_422"),
        ("YBR_FULL_422", "YBR_FULL"),
    ]:
        assert pixels.convert_color_space(arr, current, desired) is arr
    with pytest.raises(ValueError, match="uint8"):
        pixels.convert_color_space(arr.astype(np.uint16), "RGB", "YBR_FULL")
    with pytest.raises(NotImplementedError, match="YBR_PARTIAL_420 to RGB"):
        pixels.convert_color_space(arr, "YBR_PARTIAL_420", "RGB")


# --- render ---------------------------------------------------------------------------------


def output_range(ds):
    """pydicom's windowing output range for `ds` (PS3.3 C.11.2.1.2)."""
    bits = ds.BitsStored
    if ds.PixelRepresentation == 0:
        low, high = 0, 2**bits - 1
    else:
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    if "RescaleSlope" in ds:
        low = low * ds.RescaleSlope + ds.RescaleIntercept
        high = high * ds.RescaleSlope + ds.RescaleIntercept
    return low, high


def pydicom_window_8bit(ref, arr):
    """pydicom's modality LUT and first window, rescaled to 0..255."""
    windowed = oracle.apply_windowing(oracle.apply_modality_lut(arr, ref), ref)
    low, high = output_range(ref)
    return (windowed - low) / (high - low) * 255


def dicom_linear(x, center, width):
    """PS3.3 C.11.2.1.2.1 onto 0..255."""
    x = np.asarray(x, dtype=np.float64)
    y = ((x - (center - 0.5)) / (width - 1) + 0.5) * 255
    return np.clip(y, 0, 255)


@pytest.mark.parametrize(
    "name", ["MR_small.dcm", "693_UNCR.dcm", "MR2_UNCR.dcm", "MR-SIEMENS-DICOM-WithOverlays.dcm"]
)
def test_render_dataset_window(read, name):
    ds, ref, arr = load(read, name)
    expected = pydicom_window_8bit(ref, arr)
    close(render(ds), expected)
    close(render(ds, arr=arr), expected)
    close(render(ds), dicom_linear(oracle.apply_modality_lut(arr, ref), *first_window(ref)))


def first_window(ds):
    center, width = ds.WindowCenter, ds.WindowWidth
    if isinstance(center, pydicom.multival.MultiValue):
        center, width = center[0], width[0]
    return float(center), float(width)


@pytest.mark.parametrize("function", ["LINEAR_EXACT", "SIGMOID"])
def test_render_dataset_voi_function(read, function):
    ds, ref, arr = load(read, "MR_small.dcm")
    both(ds, ref, "VOILUTFunction", function)
    close(render(ds), pydicom_window_8bit(ref, arr))


def test_render_explicit_window(read):
    ds, ref, arr = load(read, "CT_small.dcm")
    hu = oracle.apply_modality_lut(arr, ref)
    close(render(ds, window=(40, 400)), dicom_linear(hu, 40, 400))
    close(render(ds, window=(-600, 1500)), dicom_linear(hu, -600, 1500))
    # an explicit window overrides the data set's
    ds, ref, arr = load(read, "MR_small.dcm")
    close(render(ds, window=(300, 200)), dicom_linear(arr, 300, 200))
    with pytest.raises(ValueError, match="Window Width"):
        render(ds, window=(300, 0))


def test_render_min_max(read):
    ds, ref, arr = load(read, "CT_small.dcm")
    assert "WindowCenter" not in ds
    hu = oracle.apply_modality_lut(arr, ref)
    close(render(ds), (hu - hu.min()) / (hu.max() - hu.min()) * 255)
    ds, ref, arr = load(read, "mlut_18.dcm")
    values = oracle.apply_modality_lut(arr, ref).astype(np.float64)
    out = render(ds)
    close(out, (values - values.min()) / (values.max() - values.min()) * 255)
    assert out.min() == 0 and out.max() == 255


def test_render_unusable_window_falls_back(read):
    ds, _, arr = load(read, "MR_small.dcm")
    ds.WindowWidth = 0
    close(render(ds), (arr - arr.min()) / (arr.max() - arr.min()) * 255)


def test_render_constant_image(read):
    ds, _, arr = load(read, "CT_small.dcm")
    out = render(ds, arr=np.full_like(arr, 7))
    assert out.dtype == np.uint8 and not out.any()


def test_render_voi_lut_sequence(read):
    ds, ref, arr = load(read, "vlut_04.dcm")
    close(render(ds), oracle.apply_voi(arr, ref) / 65535 * 255)


@pytest.mark.parametrize("name", ["RG1_UNCR.dcm", "RG3_UNCR.dcm"])
def test_render_monochrome1_inverted(read, name):
    ds, ref, arr = load(read, name)
    assert ds.PhotometricInterpretation == "MONOCHROME1"
    out = render(ds)
    close(out, 255 - pydicom_window_8bit(ref, arr))
    ds.PhotometricInterpretation = "MONOCHROME2"
    close(render(ds), 255 - out.astype(int), tolerance=0)


def test_render_enhanced_functional_groups(read):
    # Rescale -1024 and window 49/102 are in the Shared Functional Groups only
    ds, _, arr = load(read, "eCT_Supplemental.dcm")
    assert "WindowCenter" not in ds and "RescaleIntercept" not in ds
    for frame in (0, 1):
        expected = dicom_linear(arr[frame].astype(np.float64) - 1024, 49, 102)
        close(render(ds, frame=frame), expected)
        close(render(ds, frame=frame, arr=arr[frame]), expected)


@pytest.mark.parametrize(
    "name", ["SC_rgb.dcm", "SC_ybr_full_uncompressed.dcm", "SC_ybr_full_422_uncompressed.dcm"]
)
def test_render_rgb(read, name):
    ds, _, arr = load(read, name)
    out = render(ds)
    same(out, arr)
    assert out is not arr
    raw = pydicom_pixel_array(path_of(name), raw=True)
    if ds.PhotometricInterpretation != "RGB":
        close(out, oracle.convert_color_space(raw, ds.PhotometricInterpretation, "RGB"))


def test_render_rgb_16_bit(read):
    ds, _, arr = load(read, "SC_rgb_16bit_2frame.dcm")
    close(render(ds, frame=1), arr[1] / 65535 * 255)


@pytest.mark.parametrize(
    ("name", "frame"),
    [
        ("OBXXXX1A.dcm", 0),
        ("OBXXXX1A_2frame.dcm", 1),
        ("gdcm-US-ALOKA-16.dcm", 0),
        ("OT-PAL-8-face.dcm", 0),
    ],
)
def test_render_palette(read, name, frame):
    ds, ref, arr = load(read, name)
    rgb = oracle.apply_color_lut(arr, ref)
    if arr.ndim == 3:
        rgb = rgb[frame]
    out = render(ds, frame=frame)
    assert out.shape == rgb.shape
    close(out, rgb / 65535 * 255)


def test_render_frames_and_errors(read):
    ds, _, arr = load(read, "OBXXXX1A_2frame.dcm")
    assert not np.array_equal(render(ds, frame=0), render(ds, frame=1))
    same(render(ds, frame=1), render(ds, frame=1, arr=arr[1]))
    with pytest.raises(IndexError):
        render(ds, frame=2)
    with pytest.raises(IndexError):
        render(ds, frame=-1)
    with pytest.raises(ValueError, match="monochrome"):
        render(ds, window=(100, 50))
    with pytest.raises(ValueError, match="shape"):
        render(ds, arr=arr[0, 0])


# --- PNG ------------------------------------------------------------------------------------


def read_png(data_or_path):
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    with Image.open(source) as image:
        image.load()
        return image.mode, np.asarray(image)


def png_inputs():
    rng = np.random.default_rng(11)
    y, x = np.mgrid[0:97, 0:131]
    smooth = ((x * 3 + y * 2) % 256).astype(np.uint8)
    yield rng.integers(0, 256, (1, 1), dtype=np.uint8)
    yield rng.integers(0, 256, (1, 7, 3), dtype=np.uint8)
    yield rng.integers(0, 256, (9, 1), dtype=np.uint8)
    yield rng.integers(0, 256, (33, 45), dtype=np.uint8)
    yield rng.integers(0, 256, (33, 45, 3), dtype=np.uint8)
    yield smooth
    yield np.stack([smooth, smooth[::-1], 255 - smooth], axis=-1)
    yield (np.hypot(x - 60, y - 50) * 2).astype(np.uint8)
    yield np.full((5, 6, 3), 200, dtype=np.uint8)


@pytest.mark.parametrize("index", range(9))
def test_png_round_trip(index):
    arr = list(png_inputs())[index]
    mode, back = read_png(encode_png(arr))
    assert mode == ("L" if arr.ndim == 2 else "RGB")
    same(back, arr)


def test_png_uses_every_filter():
    # Each filter type is picked somewhere, so the round trips above decode all five
    used = set()
    for arr in png_inputs():
        samples = 1 if arr.ndim == 2 else 3
        used.update(png._filter(arr.reshape(arr.shape[0], -1), samples)[:, 0].tolist())
    assert used == {0, 1, 2, 3, 4}


def test_png_non_contiguous_and_many_idat_chunks():
    rng = np.random.default_rng(5)
    arr = rng.integers(0, 256, (800, 1000, 3), dtype=np.uint8)[::-1, ::2]
    data = encode_png(arr)
    same(read_png(data)[1], arr)
    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.append(kind)
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    assert chunks.count(b"IDAT") > 1


def test_png_rejects_bad_arrays():
    for bad in (
        np.zeros((4, 4), dtype=np.uint16),
        np.zeros((4, 4, 4), dtype=np.uint8),
        np.zeros((4, 4, 3, 1), dtype=np.uint8),
        np.zeros((0, 4), dtype=np.uint8),
        np.zeros(4, dtype=np.uint8),
        [[1, 2], [3, 4]],
    ):
        with pytest.raises(ValueError):
            encode_png(bad)


def test_write_png_to_path_and_file(tmp_path, read):
    ds, _, _ = load(read, "CT_small.dcm")
    image = render(ds)
    target = tmp_path / "ct.png"
    write_png(target, image)
    same(read_png(target)[1], image)
    assert os.listdir(tmp_path) == ["ct.png"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    # overwrite, with a str path
    rgb = render(load(read, "OBXXXX1A.dcm")[0])
    write_png(str(target), rgb)
    same(read_png(target)[1], rgb)
    assert os.listdir(tmp_path) == ["ct.png"]
    buffer = io.BytesIO()
    write_png(buffer, rgb)
    assert buffer.getvalue() == target.read_bytes()


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_write_png_failure_leaves_no_trace(tmp_path, monkeypatch, failing):
    target = tmp_path / "image.png"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(png.os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_png(target, np.zeros((3, 3), dtype=np.uint8))
    assert os.listdir(tmp_path) == ["image.png"]
    assert target.read_bytes() == b"old"


def test_write_png_into_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_png(tmp_path / "missing" / "a.png", np.zeros((3, 3), dtype=np.uint8))
    with pytest.raises(IsADirectoryError):
        write_png(tmp_path, np.zeros((3, 3), dtype=np.uint8))
    assert os.listdir(tmp_path) == []
