"""pydicom parity II against pydicom itself, over real files: encapsulation, bit packing,
decompress() (pixels and photometric interpretation), the decoder/encoder objects, overlays,
waveforms, SR codes, codify, and options that must work or raise."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pydicom.encaps
import pydicom.pixels.utils
import pytest

import pyrdicom
import pyrdicom.encaps
import pyrdicom.pixels.utils
from corpus import LOSSY, LOSSY_TOLERANCE, NATIVE_SYNTAXES, corpus_file, corpus_files
from pyrdicom.pixels import get_decoder, get_encoder, pixel_array


def _quiet_read(path: str, **kwargs: object) -> pydicom.Dataset | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pydicom.dcmread(path, **kwargs)
        except Exception:
            return None


def _compressed() -> list[str]:
    out = []
    for path in corpus_files():
        ds = _quiet_read(path, stop_before_pixels=True)
        ts = ds.file_meta.get("TransferSyntaxUID") if ds is not None else None
        if ts and ts not in NATIVE_SYNTAXES and ts.is_compressed:
            out.append(path)
    return out


COMPRESSED = _compressed()
IDS = [os.path.basename(p) for p in COMPRESSED]


# --- encaps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMPRESSED, ids=IDS)
def test_encaps_matches_pydicom(path: str) -> None:
    """Frames, single frames, fragments and re-encapsulation equal pydicom's."""
    ref = _quiet_read(path)
    if ref is None or "PixelData" not in ref:
        pytest.skip("pydicom cannot read the pixel data")
    value, n = ref.PixelData, int(ref.get("NumberOfFrames") or 1)
    bot_len = int.from_bytes(value[4:8], "little")

    def outcome(module, fn):  # the result, or the exception type
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return fn(module)
            except Exception as exc:
                return type(exc)

    calls = {
        "frames": lambda m: list(m.generate_frames(value, number_of_frames=n)),
        "fragments": lambda m: list(m.generate_fragments(value[8 + bot_len :])),
        "bot": lambda m: m.parse_basic_offsets(value),
        "last": lambda m: m.get_frame(value, n - 1, number_of_frames=n),
        "file-like": lambda m: list(m.generate_frames(io.BytesIO(value), number_of_frames=n)),
    }
    for name, fn in calls.items():
        ours, theirs = outcome(pyrdicom.encaps, fn), outcome(pydicom.encaps, fn)
        if isinstance(theirs, type):
            assert isinstance(ours, type) and issubclass(ours, theirs), name
        else:
            assert ours == theirs, name
    frames = calls["frames"](pydicom.encaps)
    for bot in (True, False):
        ours = pyrdicom.encaps.encapsulate(frames, has_bot=bot)
        assert ours == pydicom.encaps.encapsulate(frames, has_bot=bot)
    assert pyrdicom.encaps.encapsulate_extended(frames) == pydicom.encaps.encapsulate_extended(
        frames
    )


def test_encaps_errors_are_value_errors() -> None:
    bad = b"\xfe\xff\x00\xe0\x00\x00\x00\x00\xfe\xff\x00\xe1\x02\x00\x00\x00ab"
    with pytest.raises(ValueError, match="Unexpected tag"):
        list(pyrdicom.encaps.generate_frames(bad, number_of_frames=1))
    with pytest.raises(pyrdicom.errors.DicomError):
        pyrdicom.encaps.parse_fragments(bad[8:])


# --- bits -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 4097, 512 * 512 + 3])
@pytest.mark.parametrize("dtype", ["u1", "bool", "i2", "u4"])
def test_pack_unpack_bits_match_pydicom(size: int, dtype: str) -> None:
    arr = (np.random.default_rng(size).random(size) > 0.5).astype(dtype)
    for pad in (True, False):
        packed = pyrdicom.pixels.utils.pack_bits(arr, pad=pad)
        assert packed == pydicom.pixels.utils.pack_bits(arr, pad=pad)
    ours = pyrdicom.pixels.utils.unpack_bits(packed)
    np.testing.assert_array_equal(ours, pydicom.pixels.utils.unpack_bits(packed))
    assert pyrdicom.pixels.utils.unpack_bits(packed, as_array=False) == ours.tobytes()


def test_pack_bits_rejects_non_binary() -> None:
    for arr in (np.array([0, 2, 1], "u1"), np.array([0, -1], "i2")):
        with pytest.raises(ValueError, match="Only binary arrays"):
            pyrdicom.pixels.utils.pack_bits(arr)


# --- decompress -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMPRESSED, ids=IDS)
def test_decompress_reads_back_in_pydicom_as_its_own(path: str) -> None:
    """Decompressed by pyrdicom and saved, the file reads back in pydicom with the pixels and
    photometric interpretation pydicom's own decompress gives."""
    ref = _quiet_read(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref.decompress()
            ref_arr = ref.pixel_array
    except Exception:
        pytest.skip("pydicom does not decompress this file")
    ts = str(pydicom.dcmread(path, stop_before_pixels=True).file_meta.TransferSyntaxUID)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pyrdicom.dcmread(path)
        ds.decompress()
        out = io.BytesIO()
        ds.save_as(out)
        back = pydicom.dcmread(io.BytesIO(out.getvalue()))
        arr = back.pixel_array
    assert back.PhotometricInterpretation == ref.PhotometricInterpretation
    assert arr.shape == ref_arr.shape and arr.dtype == ref_arr.dtype
    diff = np.abs(arr.astype(np.int64) - ref_arr.astype(np.int64)).max() if arr.size else 0
    assert diff <= (LOSSY_TOLERANCE if ts in LOSSY else 0)


_JPEG_DCT = {pydicom.uid.JPEGBaseline8Bit, pydicom.uid.JPEGExtended12Bit}
JPEG_COLOUR = [
    p
    for p in COMPRESSED
    if (ref := _quiet_read(p, stop_before_pixels=True)) is not None
    and ref.file_meta.get("TransferSyntaxUID") in _JPEG_DCT
    and ref.get("SamplesPerPixel") == 3
]


@pytest.mark.parametrize("path", JPEG_COLOUR, ids=[os.path.basename(p) for p in JPEG_COLOUR])
def test_jpeg_as_rgb_false_keeps_ycbcr_as_pydicom(path: str) -> None:
    # pydicom's Pillow plugin decodes with libjpeg-turbo too: the same samples exactly
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ref = pydicom.pixels.pixel_array(path, as_rgb=False, decoding_plugin="pillow")
        except Exception:
            pytest.skip("pydicom's Pillow plugin does not decode this file")
        np.testing.assert_array_equal(pixel_array(path, as_rgb=False), ref)
        np.testing.assert_array_equal(pixel_array(path, raw=True), ref)
        ds = pyrdicom.dcmread(path)
        rgb = ds.pixel_array
        ds.decompress(as_rgb=False)
    # decompress writes the array with its colour space: YCbCr (upsampled) as YBR_FULL, which
    # pixel_array converts to the RGB of the compressed data set's default array
    assert ds.PhotometricInterpretation in ("YBR_FULL", "RGB")
    np.testing.assert_array_equal(pixel_array(ds, as_rgb=False), ref)
    np.testing.assert_array_equal(ds.pixel_array, rgb)


def test_decompress_options_work_or_raise() -> None:
    ds = pyrdicom.dcmread(corpus_file("SC_rgb_rle.dcm"))
    with pytest.raises(ValueError, match="No pixel data handler"):
        ds.decompress(handler_name="no_such_handler")
    with pytest.raises(ValueError, match="No plugin named"):
        ds.decompress(decoding_plugin="no_such_plugin")
    with pytest.raises(TypeError, match="Unsupported decoding option"):
        ds.decompress(as_rbg=False)
    ds.decompress(handler_name="rle_handler", decoding_plugin="pylibjpeg", as_rgb=False)
    assert ds.file_meta.TransferSyntaxUID == pyrdicom.uid.ExplicitVRLittleEndian


def test_compress_options_work_or_raise() -> None:
    ds = pyrdicom.dcmread(corpus_file("CT_small.dcm"))
    with pytest.raises(TypeError, match="Unsupported encoding option"):
        ds.compress(pyrdicom.uid.RLELossless, jls_eror=2)
    with pytest.raises(ValueError, match="No plugin named"):
        ds.compress(pyrdicom.uid.RLELossless, encoding_plugin="no_such_plugin")
    with pytest.raises(NotImplementedError, match="No pixel data encoders"):
        ds.compress(pyrdicom.uid.JPEG2000MC)


@pytest.mark.parametrize("package", [pyrdicom, pydicom], ids=["pyrdicom", "pydicom"])
def test_compress_an_array_into_a_data_set_without_pixels(package: Any) -> None:
    # the Image Pixel module describes the array; neither Pixel Data nor file meta is needed
    ds = package.dcmread(corpus_file("MR_small.dcm"))
    arr = ds.pixel_array
    del ds.PixelData
    del ds.file_meta
    ds.compress(package.uid.RLELossless, arr, encoding_plugin="pydicom")
    assert ds.file_meta.TransferSyntaxUID == package.uid.RLELossless
    ref = pydicom.dcmread(corpus_file("MR_small.dcm"))
    ref.compress(pydicom.uid.RLELossless, encoding_plugin="pydicom")
    assert ds.PixelData == ref.PixelData


def test_pixel_array_options() -> None:
    path = corpus_file("SC_ybr_full_uncompressed.dcm")
    for opts in ({"raw": True}, {"as_rgb": False}, {"raw": False}):
        np.testing.assert_array_equal(
            pixel_array(path, **opts), pydicom.pixels.pixel_array(path, **opts)
        )
    with pytest.raises(TypeError, match="Unsupported decoding option"):
        pixel_array(path, as_rbg=False)
    out = pyrdicom.Dataset()
    pixel_array(path, ds_out=out, specific_tags=[0x00100010])
    assert "PatientName" in out and "Rows" in out and "StudyDate" not in out
    ds = pyrdicom.dcmread(path)
    ds.pixel_array_options(index=0, raw=True)
    np.testing.assert_array_equal(ds.pixel_array, pydicom.pixels.pixel_array(path, raw=True))


# --- decoders and encoders ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["SC_rgb_rle_2frame.dcm", "JPEG2000.dcm", "CT_small.dcm", "MR_small_bigendian.dcm"]
)
def test_decoder_objects_match_pixel_array(name: str) -> None:
    path = corpus_file(name)
    ds = pyrdicom.dcmread(path)
    decoder = get_decoder(ds.file_meta.TransferSyntaxUID)
    assert decoder.is_available
    arr, meta = decoder.as_array(ds)
    np.testing.assert_array_equal(arr, pydicom.dcmread(path).pixel_array)
    assert meta["rows"] == ds.Rows and meta["number_of_frames"] == (ds.get("NumberOfFrames") or 1)
    frames = [a for a, _ in decoder.iter_array(ds)]
    np.testing.assert_array_equal(np.stack(frames).reshape(arr.shape), arr)


def test_rle_encoder_round_trip() -> None:
    path = corpus_file("SC_rgb_2frame.dcm")
    ds = pyrdicom.dcmread(path)
    encoder = get_encoder(pyrdicom.uid.RLELossless)
    frames = list(encoder.iter_encode(ds))
    assert frames[1] == encoder.encode(ds, index=1)
    ref = pydicom.dcmread(path)
    ref.compress(pydicom.uid.RLELossless, encoding_plugin="pydicom")
    assert frames == list(pydicom.encaps.generate_frames(ref.PixelData, number_of_frames=2))


# --- overlays, waveforms, SR codes, codify --------------------------------------------------


def test_overlay_array_matches_pydicom() -> None:
    path = corpus_file("MR-SIEMENS-DICOM-WithOverlays.dcm")
    ours, theirs = pyrdicom.dcmread(path), pydicom.dcmread(path)
    np.testing.assert_array_equal(ours.overlay_array(0x6000), theirs.overlay_array(0x6000))


def test_waveform_array_matches_pydicom() -> None:
    path = corpus_file("waveform_ecg.dcm")
    ours, theirs = pyrdicom.dcmread(path), pydicom.dcmread(path)
    for index in range(len(theirs.WaveformSequence)):
        np.testing.assert_array_equal(ours.waveform_array(index), theirs.waveform_array(index))


def test_sr_codes_match_pydicom() -> None:
    from pydicom.sr import codes as ref

    from pyrdicom.sr import codes

    assert codes.DCM.Modality == ref.DCM.Modality
    assert codes.CID270.Person == ref.CID270.Person
    assert tuple(codes.SCT.Liver) == tuple(ref.SCT.Liver)
    assert set(codes.CID4.dir()) == set(ref.CID4.dir())


def test_codify_recreates_the_data_set() -> None:
    from pyrdicom.util.codify import code_file

    if not hasattr(pyrdicom.Dataset, "set_original_encoding"):
        pytest.skip("the generated code ends with Dataset.set_original_encoding (parity I)")
    path = corpus_file("rtplan.dcm")
    namespace: dict[str, object] = {}
    exec(code_file(path), namespace)  # the generated code builds `ds`
    made, ref = namespace["ds"], pyrdicom.dcmread(path)
    assert [e.tag for e in made] == [e.tag for e in ref if not e.tag.is_private]
    assert made.BeamSequence[0].BeamName == ref.BeamSequence[0].BeamName


# --- fileset --------------------------------------------------------------------------------


def test_fileset_matches_pydicom() -> None:
    from pydicom.fileset import FileSet as RefFileSet

    from pyrdicom.fileset import FileSet

    path = corpus_file("DICOMDIR")
    ours, ref = FileSet(path), RefFileSet(path)
    assert (ours.ID, ours.UID, len(ours)) == (ref.ID, ref.UID, len(ref))
    assert [i.path for i in ours] == [i.path for i in ref]
    assert [i.SOPInstanceUID for i in ours] == [i.SOPInstanceUID for i in ref]
    assert ours._tree.prettify() == ref._tree.prettify()
    for keyword in ("PatientID", "StudyInstanceUID", "Modality"):
        assert ours.find_values(keyword) == ref.find_values(keyword)
    assert [i.path for i in ours.find(PatientID="77654033")] == [
        i.path for i in ref.find(PatientID="77654033")
    ]
    first = next(iter(ours))
    assert first.PatientName == next(iter(ref)).PatientName
    assert first.load().SOPInstanceUID == first.SOPInstanceUID


def test_codify_writes_pydicom_code_on_request(tmp_path: Path) -> None:
    from pyrdicom.util.codify import code_file, code_imports

    with pytest.raises(ValueError, match="'package' must be one of"):
        code_imports("numpy")
    code = code_file(corpus_file("rtplan.dcm"), package="pydicom")
    assert code.splitlines()[3:6] == code_imports("pydicom").splitlines()
    namespace: dict[str, object] = {}
    exec(code, namespace)  # runs with pydicom: builds a pydicom Dataset
    made = namespace["ds"]
    assert isinstance(made, pydicom.Dataset)
    ref = pydicom.dcmread(corpus_file("rtplan.dcm"))
    assert made.BeamSequence[0].BeamName == ref.BeamSequence[0].BeamName


@pytest.mark.parametrize("package", [pyrdicom, pydicom], ids=["pyrdicom", "pydicom"])
def test_data_element_callback_fixes_values_as_pydicom(package: Any, tmp_path: Path) -> None:
    # DS values written with commas (a common vendor error), read through util.fixer
    src = pydicom.dcmread(corpus_file("CT_small.dcm"))
    src.ImagePositionPatient = ["1", "2"]
    path = tmp_path / "commas.dcm"
    src.save_as(path)
    data = path.read_bytes()
    assert data.count(b"1\\2 ") == 1
    path.write_bytes(data.replace(b"1\\2 ", b"1,2 "))
    fixer = __import__(package.__name__ + ".util.fixer", fromlist=["fixer"])
    try:
        fixer.fix_separator(b",", for_VRs=["DS"], process_unknown_VRs=False)
        ds = package.dcmread(path)
        assert [float(v) for v in ds.ImagePositionPatient] == [1.0, 2.0]
        assert ds.PatientName == "CompressedSamples^CT1"
    finally:
        package.config.reset_data_element_callback()
    assert package.dcmread(path).ImagePositionPatient == "1,2"


@pytest.mark.parametrize("package", [pyrdicom, pydicom], ids=["pyrdicom", "pydicom"])
def test_fix_mismatch_reads_a_value_with_a_vr_that_fits(package: Any, tmp_path: Path) -> None:
    src = pydicom.dcmread(corpus_file("CT_small.dcm"))
    src.add_new(0x00101030, "DS", "70")  # Patient's Weight, read back as ...
    path = tmp_path / "mismatch.dcm"
    src.save_as(path)
    data = path.read_bytes()
    at = data.index(b"\x10\x00\x30\x10DS")
    path.write_bytes(data[: at + 4] + b"DS\x02\x00AB" + data[at + 10 :])  # ... "AB" as DS
    fixer = __import__(package.__name__ + ".util.fixer", fromlist=["fixer"])
    old_mode = package.config.settings.reading_validation_mode
    try:
        package.config.settings.reading_validation_mode = package.config.RAISE
        with pytest.raises(ValueError):
            _ = package.dcmread(path).PatientWeight
        fixer.fix_mismatch(with_VRs=("DS", "PN"))
        elem = package.dcmread(path)["PatientWeight"]
        assert (elem.VR, elem.value) == ("PN", "AB")
    finally:
        package.config.settings.reading_validation_mode = old_mode
        package.config.reset_data_element_callback()


@pytest.mark.parametrize("package", [pyrdicom, pydicom], ids=["pyrdicom", "pydicom"])
def test_vr_set_after_lookup_keeps_the_value_read(package: Any) -> None:
    # pydicom converts an element when it is looked up: a VR set afterwards does not change
    # how the value was read (pyrdicom reads values lazily, so it reads it before the change)
    seq = package.dcmread(corpus_file("mlut_18.dcm")).ModalityLUTSequence[0]
    elem = seq["LUTData"]
    elem.VR = "OW"
    assert elem.VR == "OW"
    assert len(elem.value) == 4096 and elem.value[:3] == [0, 16, 32]
