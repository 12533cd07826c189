"""Compressed pixel data the corpus lacks, made by independent encoders at test time (see
codec_fixtures.py): every precision, sign, sample count, JPEG predictor, interleave mode and
frame layout below is decoded by pyrdicom and compared with the original array (lossless: exact)
and with pydicom's pixel_array."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import imagecodecs
import numpy as np
import pydicom
import pytest
from pydicom import uid
from pydicom.data import get_testdata_file
from pydicom.encaps import generate_frames
from pydicom.pixels import convert_color_space

import pyrdicom
from codec_fixtures import (
    LAYOUTS,
    htj2k,
    j2k,
    j2k_layers,
    jpeg_lossless,
    jpeg_lossy,
    jpeg_ls,
    jpeg_ls_imagecodecs,
    jpeg_ls_lse_zero_before_eoi,
    jpeg_xl,
    make_pixels,
    reference_array,
    rle,
    write_dataset,
    zero_scan_parameters,
)
from pyrdicom.errors import PixelDataError, UnsupportedTransferSyntaxError
from pyrdicom.pixels import iter_pixels, pixel_array


def low_bits(bits: int) -> Callable[[np.ndarray], np.ndarray]:
    """pydicom's corrections: only the low `bits` bits of each sample are kept, sign-extended
    when the data set is signed (Bits Stored below the container, and JPEG-LS's sign correction
    from the codestream's precision, whatever Bits Stored says)."""

    def correct(arr: np.ndarray) -> np.ndarray:
        shift = arr.dtype.itemsize * 8 - bits
        return (arr << shift) >> shift

    return correct


def read_as_planar(arr: np.ndarray) -> np.ndarray:
    """pydicom reads every JPEG and JPEG 2000 decoder's interleaved frames by the data set's
    (non-conformant) Planar Configuration 1, as colour-by-plane."""
    frames, rows, cols, samples = arr.shape
    return arr.reshape(frames, samples, rows, cols).transpose(0, 2, 3, 1)


def ybr_to_rgb(arr: np.ndarray) -> np.ndarray:
    """pydicom converts YBR_FULL data (RLE, JPEG-LS, JPEG 2000) to RGB."""
    return convert_color_space(arr, "YBR_FULL", "RGB")


@dataclass(frozen=True)
class Case:
    name: str
    ts: str
    encode: Callable[[np.ndarray], bytes]
    bits_allocated: int
    bits_stored: int
    signed: bool = False
    samples: int = 1
    photometric: str = "MONOCHROME2"
    planar: int = 0
    frames: int = 1
    layout: str = "bot"
    size: tuple[int, int] = (19, 23)  # odd sizes catch row-stride mistakes
    # Lossy: the decoded values may differ from the original by at most `max_error`, and from
    # pydicom's decoding by at most `tolerance`. Lossless cases must be exact against both.
    lossy: bool = False
    max_error: int = 0
    tolerance: int = 0
    margin: int = 0  # keep the generated values this far from the range's ends
    precision: int = 0  # bits of the generated values, when not Bits Stored
    plugin: str = "pylibjpeg"  # pydicom's decoding plugin for the reference
    # pydicom's result when it is not the original array (its corrections)
    expected: Callable[[np.ndarray], np.ndarray] | None = field(default=None, repr=False)

    def pixels(self) -> np.ndarray:
        shape = (self.frames, *self.size) + ((self.samples,) if self.samples > 1 else ())
        return make_pixels(
            zlib.crc32(self.name.encode()), shape, self.precision or self.bits_stored,
            self.signed, self.bits_allocated, self.lossy, self.margin,
        )  # fmt: skip


def _jpeg_cases() -> list[Case]:
    cases = []
    # Process 14, every predictor, precisions 2-16; 8-bit items up to 8 bits
    for predictor in range(1, 8):
        for bits in (2, 5, 8, 12, 16):
            ba = 8 if bits <= 8 else 16
            cases.append(Case(
                f"jpeg_ll_p{predictor}_{bits}bit", uid.JPEGLossless,
                partial(jpeg_lossless, bits=bits, predictor=predictor), ba, bits,
            ))  # fmt: skip
    sv1 = partial(Case, ts=uid.JPEGLosslessSV1)
    for bits, ba, signed in [
        (3, 8, False), (7, 8, False), (10, 16, False), (15, 16, False),
        (8, 8, True), (12, 16, True), (16, 16, True),
    ]:  # fmt: skip
        cases.append(sv1(
            name=f"jpeg_sv1_{'s' if signed else 'u'}{bits}_in_{ba}",
            encode=partial(jpeg_lossless, bits=bits, predictor=1),
            bits_allocated=ba, bits_stored=bits, signed=signed,
        ))  # fmt: skip
    for bits, ba in ((8, 8), (12, 16), (16, 16)):
        cases.append(sv1(
            name=f"jpeg_sv1_rgb_{bits}", encode=partial(jpeg_lossless, bits=bits, predictor=1),
            bits_allocated=ba, bits_stored=bits, samples=3, photometric="RGB",
        ))  # fmt: skip
    for layout in LAYOUTS:
        cases.append(sv1(
            name=f"jpeg_sv1_3frames_{layout}", encode=partial(jpeg_lossless, bits=12, predictor=1),
            bits_allocated=16, bits_stored=12, frames=3, layout=layout,
        ))  # fmt: skip
    cases.append(Case(
        "jpeg_ll_p7_rgb_3frames_fragments", uid.JPEGLossless,
        partial(jpeg_lossless, bits=8, predictor=7), 8, 8, samples=3, photometric="RGB",
        frames=3, layout="fragments",
    ))  # fmt: skip

    # Lossy DCT. Against pydicom: GDCM (its choice for 8-bit) runs IJG 6b, whose islow IDCT and
    # upsampling libjpeg-turbo reproduces exactly, and pydicom's YBR -> RGB arithmetic is
    # mirrored bit for bit, so 8-bit must be exact. GDCM refuses these 12-bit frames; pylibjpeg's
    # libjpeg 9 rounds its 12-bit IDCT differently, by 1 at most. Against the original, quality
    # 90 on these smooth images stays within a few steps (measured 4-8).
    lossy = partial(Case, lossy=True, plugin="gdcm")
    cases += [
        lossy(name="jpeg_baseline_gray", ts=uid.JPEGBaseline8Bit, max_error=10,
              encode=partial(jpeg_lossy, bits=8), bits_allocated=8, bits_stored=8),
        # JFIF, YCbCr 4:2:0: pydicom converts YBR_FULL_422 to RGB
        lossy(name="jpeg_baseline_ybr420", ts=uid.JPEGBaseline8Bit, max_error=12,
              encode=partial(jpeg_lossy, bits=8), bits_allocated=8, bits_stored=8,
              samples=3, photometric="YBR_FULL_422"),
        lossy(name="jpeg_baseline_ybr422_3frames", ts=uid.JPEGBaseline8Bit, max_error=12,
              encode=partial(jpeg_lossy, bits=8, subsampling="422"), bits_allocated=8,
              bits_stored=8, samples=3, photometric="YBR_FULL_422", frames=3, layout="no_bot"),
        # Adobe transform 0, components 'R','G','B': no colour conversion
        lossy(name="jpeg_baseline_rgb", ts=uid.JPEGBaseline8Bit, max_error=12,
              encode=partial(jpeg_lossy, bits=8, colorspace="RGB", outcolorspace="RGB"),
              bits_allocated=8, bits_stored=8, samples=3, photometric="RGB"),
        lossy(name="jpeg_extended_12bit", ts=uid.JPEGExtended12Bit, max_error=16,
              encode=partial(jpeg_lossy, bits=12), bits_allocated=16, bits_stored=12,
              plugin="pylibjpeg", tolerance=1),
    ]  # fmt: skip
    return cases


def _jpeg_ls_cases() -> list[Case]:
    ll = partial(Case, ts=uid.JPEGLSLossless, plugin="pyjpegls")
    cases = [
        ll(name="jls_ic_u8", encode=jpeg_ls_imagecodecs, bits_allocated=8, bits_stored=8),
        ll(name="jls_ic_u16", encode=jpeg_ls_imagecodecs, bits_allocated=16, bits_stored=16),
        ll(name="jls_ic_rgb8", encode=jpeg_ls_imagecodecs, bits_allocated=8, bits_stored=8,
           samples=3, photometric="RGB"),
        # Signed 16-bit, LSE segment, 0x00 before EOI: pyjpegls (CharLS 2.4) fails on it
        ll(name="jls_ic_s16_lse_zero_before_eoi", encode=jpeg_ls_lse_zero_before_eoi,
           bits_allocated=16, bits_stored=16, signed=True, plugin="pylibjpeg"),
    ]  # fmt: skip
    for bits, ba in ((2, 8), (5, 8), (10, 16), (12, 16), (16, 16)):
        cases.append(ll(
            name=f"jls_u{bits}", encode=partial(jpeg_ls, bits=bits), bits_allocated=ba,
            bits_stored=bits,
        ))  # fmt: skip
    # Signed: JPEG-LS has no sign, pydicom sign-extends from the codestream's precision
    for bits, ba in ((8, 8), (12, 16), (16, 16)):
        cases.append(ll(
            name=f"jls_s{bits}", encode=partial(jpeg_ls, bits=bits), bits_allocated=ba,
            bits_stored=bits, signed=True,
        ))  # fmt: skip
    # ... even where that is not Bits Stored: 12-bit codestream, Bits Stored 16, so values with
    # bit 11 set come back negative
    cases.append(ll(
        name="jls_s16_precision12", encode=partial(jpeg_ls, bits=12), bits_allocated=16,
        bits_stored=16, signed=True, expected=low_bits(12),
    ))  # fmt: skip
    # Colour by plane (0), by line (1), by pixel (2); Planar Configuration 1 does not apply
    for ilv in (0, 1, 2):
        for bits, ba in ((8, 8), (12, 16)):
            cases.append(ll(
                name=f"jls_rgb{bits}_ilv{ilv}", encode=partial(jpeg_ls, bits=bits, interleave=ilv),
                bits_allocated=ba, bits_stored=bits, samples=3, photometric="RGB",
            ))  # fmt: skip
    cases.append(ll(
        name="jls_rgb8_ilv0_planar1", encode=partial(jpeg_ls, bits=8, interleave=0),
        bits_allocated=8, bits_stored=8, samples=3, photometric="RGB", planar=1,
    ))  # fmt: skip
    for layout in LAYOUTS:
        cases.append(ll(
            name=f"jls_3frames_{layout}", encode=partial(jpeg_ls, bits=12), bits_allocated=16,
            bits_stored=12, frames=3, layout=layout,
        ))  # fmt: skip

    # Near-lossless: every sample within NEAR of the original; decoding is exact arithmetic,
    # so pyrdicom and pydicom (both CharLS) must agree exactly. Signed data keeps NEAR away from
    # its range's ends, where the error could wrap the sign (pydicom's encoder refuses those).
    near = partial(Case, ts=uid.JPEGLSNearLossless, plugin="pyjpegls", lossy=True)
    for bits, ba, signed, n in [
        (8, 8, False, 1), (8, 8, False, 3), (12, 16, False, 2), (16, 16, False, 5),
        (8, 8, True, 2), (12, 16, True, 2), (16, 16, True, 3),
    ]:  # fmt: skip
        cases.append(near(
            name=f"jls_near{n}_{'s' if signed else 'u'}{bits}",
            encode=partial(jpeg_ls, bits=bits, near=n), bits_allocated=ba, bits_stored=bits,
            signed=signed, max_error=n, margin=n if signed else 0,
        ))  # fmt: skip
    cases += [
        near(name="jls_near2_rgb8_ilv2", encode=partial(jpeg_ls, bits=8, near=2),
             bits_allocated=8, bits_stored=8, samples=3, photometric="RGB", max_error=2),
        near(name="jls_near1_rgb8_ilv0", encode=partial(jpeg_ls, bits=8, near=1, interleave=0),
             bits_allocated=8, bits_stored=8, samples=3, photometric="RGB", max_error=1),
        near(name="jls_near1_3frames_eot", encode=partial(jpeg_ls_imagecodecs, near=1),
             bits_allocated=16, bits_stored=16, frames=3, layout="eot", max_error=1),
    ]  # fmt: skip
    return cases


def _j2k_cases() -> list[Case]:
    cases = []
    for family, ts, encode in (
        ("j2k", uid.JPEG2000Lossless, j2k),
        ("htj2k", uid.HTJ2KLossless, lambda frame, bits: htj2k(frame)),
        ("htj2k_rpcl", uid.HTJ2KLosslessRPCL, lambda frame, bits: htj2k(frame, tlm=True)),
    ):
        for bits, ba, signed in (
            (8, 8, False), (12, 16, False), (16, 16, False),
            (8, 8, True), (12, 16, True), (16, 16, True),
        ):  # fmt: skip
            cases.append(Case(
                f"{family}_{'s' if signed else 'u'}{bits}", ts, partial(encode, bits=bits), ba,
                bits, signed=signed,
            ))  # fmt: skip
        cases.append(Case(
            f"{family}_rgb", ts, partial(encode, bits=8), 8, 8, samples=3, photometric="RGB",
        ))  # fmt: skip
        cases.append(Case(
            f"{family}_3frames_fragments", ts, partial(encode, bits=12), 16, 12, frames=3,
            layout="fragments",
        ))  # fmt: skip
    # Reversible colour transform: OpenJPEG undoes it, the result is RGB
    cases += [
        Case("j2k_rgb_rct", uid.JPEG2000Lossless, partial(j2k, bits=8, mct=True), 8, 8,
             samples=3, photometric="YBR_RCT"),
        Case("htj2k_rgb_rct", uid.HTJ2KLossless, lambda f: htj2k(f, rct=True), 8, 8,
             samples=3, photometric="YBR_RCT"),
        Case("htj2k_rpcl_rgb16_rct", uid.HTJ2KLosslessRPCL,
             lambda f: htj2k(f, tlm=True, rct=True), 16, 16, samples=3, photometric="YBR_RCT"),
    ]  # fmt: skip
    for layout in LAYOUTS:
        cases.append(Case(
            f"j2k_3frames_{layout}", uid.JPEG2000Lossless, partial(j2k, bits=16), 16, 16,
            signed=True, frames=3, layout=layout,
        ))  # fmt: skip
    # Codestream sign differing from Pixel Representation (pydicom's J2K sign correction):
    # an unsigned 12-bit codestream of two's complement values in a signed data set is
    # sign-extended, a signed codestream in an unsigned data set is masked to 12 bits.
    cases += [
        Case("j2k_unsigned_stream_signed_data", uid.JPEG2000Lossless,
             lambda f: j2k(f.view(np.uint16) & 0xFFF, bits=12), 16, 12, signed=True),
        Case("j2k_signed_stream_unsigned_data", uid.JPEG2000Lossless,
             lambda f: j2k(((f.astype(np.int16) << 4) >> 4), bits=12), 16, 12),
    ]  # fmt: skip

    # Irreversible: pydicom decodes with the same library (OpenJPEG, through pylibjpeg-openjpeg)
    # and its floating-point 9/7 inverse gives the same values in both builds (measured: exact,
    # GDCM's OpenJPEG too), so no tolerance. The bounds against the original are about twice
    # the errors measured at these rates.
    lossy = partial(Case, lossy=True, size=(40, 36))
    cases += [
        lossy(name="j2k_lossy_u8", ts=uid.JPEG2000, encode=partial(j2k, bits=8, level=60),
              bits_allocated=8, bits_stored=8, max_error=4),
        lossy(name="j2k_lossy_u12", ts=uid.JPEG2000, encode=partial(j2k, bits=12, level=80),
              bits_allocated=16, bits_stored=12, max_error=4),
        lossy(name="j2k_lossy_s12_layers", ts=uid.JPEG2000,
              encode=partial(j2k_layers, bits=12, ratios=[20, 5]), bits_allocated=16,
              bits_stored=12, signed=True, max_error=16),
        lossy(name="j2k_lossy_s16_layers", ts=uid.JPEG2000,
              encode=partial(j2k_layers, bits=16, ratios=[10]), bits_allocated=16,
              bits_stored=16, signed=True, max_error=2500),
        lossy(name="j2k_lossy_rgb_ict", ts=uid.JPEG2000,
              encode=partial(j2k, bits=8, level=60, mct=True), bits_allocated=8, bits_stored=8,
              samples=3, photometric="YBR_ICT", max_error=6),
        lossy(name="j2k_lossy_3frames_eot", ts=uid.JPEG2000,
              encode=partial(j2k, bits=12, level=80), bits_allocated=16, bits_stored=12,
              frames=3, layout="eot", max_error=4),
        lossy(name="htj2k_lossy_u12", ts=uid.HTJ2K, encode=partial(htj2k, qstep=0.001),
              bits_allocated=16, bits_stored=12, max_error=150),
        lossy(name="htj2k_lossy_s16", ts=uid.HTJ2K, encode=partial(htj2k, qstep=0.0005),
              bits_allocated=16, bits_stored=16, signed=True, max_error=60),
        lossy(name="htj2k_lossy_rgb_ict", ts=uid.HTJ2K,
              encode=partial(htj2k, qstep=0.005, rct=True), bits_allocated=8, bits_stored=8,
              samples=3, photometric="YBR_ICT", max_error=8),
        lossy(name="htj2k_lossy_3frames_no_bot", ts=uid.HTJ2K, encode=partial(htj2k, qstep=0.02),
              bits_allocated=8, bits_stored=8, frames=3, layout="no_bot", max_error=8),
    ]  # fmt: skip
    return cases


def _rle_cases() -> list[Case]:
    cases = []
    for ba, bits, signed, samples in (
        (8, 8, False, 1), (16, 12, False, 1), (16, 16, True, 1), (32, 32, False, 1),
        (32, 24, True, 1), (8, 8, False, 3), (16, 16, False, 3), (32, 32, False, 3),
    ):  # fmt: skip
        cases.append(Case(
            f"rle_{'s' if signed else 'u'}{bits}_in_{ba}_x{samples}", uid.RLELossless, rle, ba,
            bits, signed=signed, samples=samples,
            photometric="RGB" if samples == 3 else "MONOCHROME2",
        ))  # fmt: skip
    # RLE is always coded by plane: Planar Configuration does not change the result
    cases.append(Case(
        "rle_rgb8_planar1", uid.RLELossless, rle, 8, 8, samples=3, photometric="RGB", planar=1,
    ))  # fmt: skip
    # Without an offset table, split frames cannot be found in RLE data (no end marker)
    for layout in ("bot", "no_bot", "eot", "fragments"):
        cases.append(Case(
            f"rle_3frames_{layout}", uid.RLELossless, rle, 16, 16, frames=3, layout=layout,
        ))  # fmt: skip
    return cases


# Lossless encoders given the codestream precision, and pydicom's plugin for each syntax.
LOSSLESS = {
    uid.JPEGLosslessSV1: (lambda bits: partial(jpeg_lossless, bits=bits, predictor=1), "pylibjpeg"),
    uid.JPEGLSLossless: (lambda bits: partial(jpeg_ls, bits=bits), "pyjpegls"),
    uid.JPEG2000Lossless: (lambda bits: partial(j2k, bits=bits), "pylibjpeg"),
    # OpenJPH takes the precision from the container
    uid.HTJ2KLossless: (lambda bits: htj2k, "pylibjpeg"),
    uid.RLELossless: (lambda bits: rle, "pylibjpeg"),
}
SHORT = {
    uid.JPEGLosslessSV1: "jpeg", uid.JPEGLSLossless: "jls", uid.JPEG2000Lossless: "j2k",
    uid.HTJ2KLossless: "htj2k", uid.RLELossless: "rle",
}  # fmt: skip


def _edge_cases() -> list[Case]:
    cases = []
    for ts, (encoder, plugin) in LOSSLESS.items():
        short = SHORT[ts]
        case = partial(Case, ts=ts, plugin=plugin)
        # Degenerate sizes (pyjpegls' output buffer is too small for them: imagecodecs')
        tiny = jpeg_ls_imagecodecs if ts == uid.JPEGLSLossless else encoder(12)
        for rows, cols in ((1, 1), (1, 17), (17, 1)):
            cases.append(case(
                name=f"{short}_{rows}x{cols}", encode=tiny, bits_allocated=16, bits_stored=12,
                size=(rows, cols),
            ))  # fmt: skip
        # 8-bit codestreams in 16-bit items are widened (signed: sign-extended)
        for signed in (False, True):
            cases.append(case(
                name=f"{short}_{'s' if signed else 'u'}8_in_16", encode=encoder(8),
                bits_allocated=16, bits_stored=8, signed=signed,
                plugin="gdcm" if ts == uid.JPEGLosslessSV1 else plugin,  # pylibjpeg fails
            ))  # fmt: skip
        # 16-bit codestream, Bits Stored 12: pydicom masks (or sign-extends) from Bits Stored
        # for JPEG and RLE. For JPEG-LS and JPEG 2000 it only applies its sign correction
        # from the codestream's precision, which here changes nothing.
        keeps_high_bits = ts in (uid.JPEGLSLossless, uid.JPEG2000Lossless, uid.HTJ2KLossless)
        for signed in (False, True):
            cases.append(case(
                name=f"{short}_{'s' if signed else 'u'}16_stored12", encode=encoder(16),
                bits_allocated=16, bits_stored=12, precision=16, signed=signed,
                expected=None if keeps_high_bits else low_bits(12),
            ))  # fmt: skip
        # YBR_FULL: pydicom converts to RGB, except for JPEG, whose codestream has components
        # 'R','G','B' (imagecodecs writes them), which pydicom takes for RGB whatever the
        # data set says
        cases.append(case(
            name=f"{short}_ybr_full", encode=encoder(8), bits_allocated=8, bits_stored=8,
            samples=3, photometric="YBR_FULL",
            expected=None if ts == uid.JPEGLosslessSV1 else ybr_to_rgb,
        ))  # fmt: skip
        # Planar Configuration 1: honoured by RLE, overridden by JPEG-LS's interleave mode,
        # scrambles JPEG and JPEG 2000 (pydicom's reading)
        cases.append(case(
            name=f"{short}_rgb16_planar1", encode=encoder(16), bits_allocated=16,
            bits_stored=16, samples=3, photometric="RGB", planar=1,
            expected=read_as_planar if ts in (uid.JPEGLosslessSV1, uid.JPEG2000Lossless,
                                              uid.HTJ2KLossless) else None,
        ))  # fmt: skip
        # One frame in several fragments
        cases.append(case(
            name=f"{short}_1frame_fragments", encode=encoder(16), bits_allocated=16,
            bits_stored=16, layout="fragments_no_bot",
        ))  # fmt: skip
    # Several code blocks, precincts and tiles
    cases += [
        Case("j2k_130x70", uid.JPEG2000Lossless, partial(j2k, bits=16), 16, 16, size=(70, 130)),
        Case("htj2k_130x70_tiles", uid.HTJ2KLossless, partial(htj2k, tile=(32, 48)), 16, 16,
             size=(70, 130)),
        Case("htj2k_rpcl_rgb_tiles_3frames", uid.HTJ2KLosslessRPCL,
             partial(htj2k, tlm=True, tile=(16, 16)), 8, 8, samples=3, photometric="RGB",
             size=(40, 36), frames=3),
        Case("j2k_u24_in_32", uid.JPEG2000Lossless, partial(j2k, bits=24), 32, 24),
        Case("j2k_s20_in_32", uid.JPEG2000Lossless, partial(j2k, bits=20), 32, 20, signed=True),
    ]  # fmt: skip
    return cases


CASES = _jpeg_cases() + _jpeg_ls_cases() + _j2k_cases() + _rle_cases() + _edge_cases()


def _max_diff(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.abs(a.astype(np.int64) - b.astype(np.int64)).max())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_decodes(case: Case, tmp_path):
    original = case.pixels()
    frames = [case.encode(frame) for frame in original]
    path = write_dataset(
        tmp_path / f"{case.name}.dcm", case.ts, frames,
        rows=case.size[0], columns=case.size[1], bits_allocated=case.bits_allocated,
        bits_stored=case.bits_stored, signed=case.signed, samples=case.samples,
        photometric=case.photometric, planar=case.planar, layout=case.layout,
    )  # fmt: skip
    expected = case.expected(original) if case.expected else original
    if case.frames == 1:
        expected = expected[0]

    ours = pyrdicom.dcmread(path).pixel_array
    theirs = reference_array(path, case.plugin)
    assert ours.dtype == expected.dtype == theirs.dtype
    assert ours.shape == expected.shape == theirs.shape
    if case.lossy:
        assert 0 < _max_diff(ours, expected) <= case.max_error
        assert _max_diff(ours, theirs) <= case.tolerance
    else:
        np.testing.assert_array_equal(ours, expected)
        np.testing.assert_array_equal(theirs, expected)

    # Frame by frame: the single-frame path (BOT/EOT lookup or the EOI scan) gives the same
    per_frame = list(ours) if case.frames > 1 else [ours]
    for i, frame in enumerate(per_frame):
        np.testing.assert_array_equal(pixel_array(path, index=i), frame)
    got = list(iter_pixels(path))
    assert len(got) == case.frames
    for frame, want in zip(got, per_frame, strict=True):
        np.testing.assert_array_equal(frame, want)


# Sequential JPEG frames whose SOS segments say Ss = Se = Ah = Al = 0 (Se should be 63), as
# some modalities write them: libjpeg only warns and decodes all 64 coefficients anyway, so
# they must decode as libjpeg-turbo does when its warnings are not errors (imagecodecs), and as
# the same frames with the right values do. pydicom's plugins refuse them (pylibjpeg's
# libjpeg 9: "scan start must be zero and scan stop must be 63"; GDCM refuses 12-bit lossy),
# so pydicom is the oracle of the unpatched frames only.
RGB = {"colorspace": "RGB", "outcolorspace": "RGB"}
ZEROED_SOS = [
    ("gray8", uid.JPEGBaseline8Bit, 8, 8, 1, "MONOCHROME2", {}),
    ("gray12", uid.JPEGExtended12Bit, 12, 16, 1, "MONOCHROME2", {}),
    ("rgb8", uid.JPEGBaseline8Bit, 8, 8, 3, "RGB", RGB),
    ("rgb12", uid.JPEGExtended12Bit, 12, 16, 3, "RGB", RGB),
    ("ybr420_8", uid.JPEGBaseline8Bit, 8, 8, 3, "YBR_FULL_422", {}),
]  # fmt: skip


@pytest.mark.parametrize("case", ZEROED_SOS, ids=[c[0] for c in ZEROED_SOS])
def test_sequential_jpeg_with_zeroed_scan_parameters(case, tmp_path):
    name, ts, bits, ba, samples, photometric, options = case
    shape = (2, 19, 23) + ((samples,) if samples > 1 else ())
    original = make_pixels(zlib.crc32(name.encode()), shape, bits, False, ba, smooth=True)
    frames = [jpeg_lossy(frame, bits, **options) for frame in original]
    patched = [zero_scan_parameters(frame) for frame in frames]
    paths = [
        write_dataset(
            tmp_path / f"{name}_{i}.dcm", ts, streams, rows=19, columns=23, bits_allocated=ba,
            bits_stored=bits, signed=False, samples=samples, photometric=photometric,
            layout="fragments_no_bot",
        )
        for i, streams in enumerate((frames, patched))
    ]  # fmt: skip
    ours = pyrdicom.dcmread(paths[1]).pixel_array
    np.testing.assert_array_equal(ours, pyrdicom.dcmread(paths[0]).pixel_array)
    for i in range(2):
        np.testing.assert_array_equal(pixel_array(paths[1], index=i), ours[i])
    if photometric == "RGB" or samples == 1:
        # libjpeg's own colour conversion differs from pydicom's: YBR is compared below only
        libjpeg = np.stack([imagecodecs.jpeg8_decode(frame) for frame in patched])
        np.testing.assert_array_equal(ours, libjpeg.astype(ours.dtype))
    if bits == 8:
        np.testing.assert_array_equal(ours, reference_array(paths[0], "gdcm"))
    assert 0 < _max_diff(ours, original) <= 16


# JPEG XL (libjxl through imagecodecs): pydicom 3.0.2 has no decoder, so lossless frames are
# compared with the original and lossy ones with libjxl's decoding (jxl-oxide renders lossy
# frames within 1 of it, measured 1 on this image).
JPEG_XL_CASES = [
    ("u12", "1.2.840.10008.1.2.4.110", 12, 16, False, 1, None),
    ("u16", "1.2.840.10008.1.2.4.110", 16, 16, False, 1, None),
    ("s16", "1.2.840.10008.1.2.4.110", 16, 16, True, 1, None),
    ("s12", "1.2.840.10008.1.2.4.110", 12, 16, True, 1, None),
    ("u8", "1.2.840.10008.1.2.4.110", 8, 8, False, 1, None),
    ("rgb8", "1.2.840.10008.1.2.4.110", 8, 8, False, 3, None),
    ("lossy8", "1.2.840.10008.1.2.4.112", 8, 8, False, 1, 90),
    ("lossy_rgb8", "1.2.840.10008.1.2.4.112", 8, 8, False, 3, 90),
]


@pytest.mark.parametrize("case", JPEG_XL_CASES, ids=[c[0] for c in JPEG_XL_CASES])
def test_jpeg_xl_decodes(case, tmp_path) -> None:
    name, ts, bits, ba, signed, samples, level = case
    shape = (2, 19, 24) + ((samples,) if samples > 1 else ())
    original = make_pixels(zlib.crc32(name.encode()), shape, bits, signed, ba, level is not None)
    frames = [jpeg_xl(frame, bits, level) for frame in original]
    path = write_dataset(
        tmp_path / f"{name}.dcm", ts, frames, rows=19, columns=24, bits_allocated=ba,
        bits_stored=bits, signed=signed, samples=samples,
        photometric="RGB" if samples == 3 else "MONOCHROME2", layout="no_bot",
    )  # fmt: skip
    ours = pyrdicom.dcmread(path).pixel_array
    assert ours.dtype == original.dtype and ours.shape == original.shape
    if level is None:
        np.testing.assert_array_equal(ours, original)
    else:
        libjxl = np.stack([imagecodecs.jpegxl_decode(frame) for frame in frames])
        assert _max_diff(ours, libjxl) <= 1
        assert 0 < _max_diff(ours, original) <= 12
    for i in range(2):
        np.testing.assert_array_equal(pixel_array(path, index=i), ours[i])


def test_jpeg_xl_corrupt_streams_are_errors(tmp_path) -> None:
    original = make_pixels(7, (1, 16, 16), 12, False, 16)
    stream = jpeg_xl(original[0], 12)
    rng = np.random.default_rng(7)
    variants = [stream[:cut] for cut in range(0, len(stream), max(1, len(stream) // 15))]
    for _ in range(40):
        flipped = bytearray(stream)
        flipped[int(rng.integers(len(stream)))] ^= int(rng.integers(1, 256))
        variants.append(bytes(flipped))
    # Each decodes or raises PixelDataError (a flipped byte in the entropy-coded data often
    # decodes to other pixels); every truncated stream is an error.
    errors = []
    for i, variant in enumerate(variants):
        path = write_dataset(
            tmp_path / f"c{i}.dcm", "1.2.840.10008.1.2.4.110", [variant or b"\0\0"], rows=16,
            columns=16, bits_allocated=16, bits_stored=12, signed=False,
        )  # fmt: skip
        try:
            pyrdicom.dcmread(path).pixel_array
        except PixelDataError:
            errors.append(i)
    truncated = len(variants) - 40
    assert errors[:truncated] == list(range(truncated))


def test_corpus_jpeg_with_zeroed_scan_parameters() -> None:
    # pydicom's JPEG-lossy.dcm: 12-bit extended, SOS with Ss = Se = Ah = Al = 0; no pydicom
    # plugin decodes it, libjpeg-turbo (imagecodecs) does
    path = get_testdata_file("JPEG-lossy.dcm")
    frame = next(generate_frames(pydicom.dcmread(path).PixelData, number_of_frames=1))
    sos = frame.index(b"\xff\xda")
    assert frame[sos + 7 : sos + 10] == b"\0\0\0"
    ours = pyrdicom.dcmread(path).pixel_array
    np.testing.assert_array_equal(ours, imagecodecs.jpeg8_decode(frame))


@pytest.mark.parametrize(
    "ts",
    [
        "1.2.840.10008.1.2.4.100",  # MPEG2 Main Profile / Main Level
        "1.2.840.10008.1.2.4.107",  # HEVC/H.265 Main Profile
        "1.2.826.0.1.3680043.10.1234.1.99",  # a private (made-up) transfer syntax
    ],
)
def test_undecodable_transfer_syntax_is_named(ts, tmp_path):
    # An MPEG-2 sequence header and some zeros: nothing pyrdicom can decode
    path = write_dataset(
        tmp_path / "video.dcm", ts, [b"\x00\x00\x01\xb3" + bytes(60)] * 2, rows=8, columns=8,
        bits_allocated=8, bits_stored=8, signed=False,
    )  # fmt: skip
    decoders = (
        lambda: pyrdicom.dcmread(path).pixel_array,
        lambda: pixel_array(path, index=1),
        lambda: next(iter_pixels(path)),
    )
    for decode in decoders:
        with pytest.raises(UnsupportedTransferSyntaxError, match=re.escape(ts)) as info:
            decode()
        assert isinstance(info.value, NotImplementedError)
