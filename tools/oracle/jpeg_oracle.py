"""Write pydicom's decoding of JPEG test data for `cargo run --release --example jpeg_compare`.

For every JPEG-family file (.4.50/.51/.57/.70) among pydicom's test files and pydicom-data,
plus synthetic codestreams made with libjpeg-turbo's cjpeg (built by turbojpeg-sys under
target/), writes OUT/<case>/ with `spec.txt` (key=value), `frame_<i>.jpg` (one codestream per
frame) and `expected.bin` (pydicom's pixel_array bytes) or `error.txt` (pydicom's exception).

Usage: python tools/oracle/jpeg_oracle.py [OUT=/tmp/jpeg_oracle]
Each decode runs in a subprocess: GDCM aborts the process on some inputs.
"""

import glob
import os
import subprocess
import sys
import warnings

import numpy as np

warnings.simplefilter("ignore")
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_frames
from pydicom.uid import (
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    generate_uid,
)

TS = {
    JPEGBaseline8Bit: "baseline",
    JPEGExtended12Bit: "extended",
    JPEGLossless: "lossless",
    JPEGLosslessSV1: "sv1",
}
UID = {v: k for k, v in TS.items()}
# Codestreams whose precision does not fit Bits Allocated: pydicom returns garbage.
OURS_FAIL_BY_DESIGN = {"syn_sv1_p12_in_ba8"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_files():
    from pydicom import data as pydicom_data

    roots = [os.path.dirname(pydicom_data.__file__)]
    try:
        import data_store  # pydicom-data

        roots.append(os.path.join(os.path.dirname(data_store.__file__), "data"))
    except ImportError:
        pass
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                try:
                    ds = pydicom.dcmread(path, force=True)
                    ts = ds.file_meta.TransferSyntaxUID
                except Exception:
                    continue
                if ts in TS and "PixelData" in ds and "Rows" in ds:
                    yield name.removesuffix(".dcm"), ds, path


# --- synthetic codestreams --------------------------------------------------------------------


def cjpeg_path():
    found = glob.glob(os.path.join(ROOT, "target/*/build/turbojpeg-sys-*/out/bin/cjpeg"))
    if not found:
        sys.exit("build the crate first (cargo build) so that cjpeg exists under target/")
    return found[0]


def image(rows, cols, spp, maxval, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    chans = []
    for c in range(spp):
        base = (np.sin(x / (7 + 3 * c)) + np.cos(y / (5 + 2 * c)) + 2) / 4 * maxval
        base = base + rng.integers(-maxval // 16 - 1, maxval // 16 + 2, size=base.shape)
        chans.append(np.clip(base, 0, maxval))
    return np.stack(chans, -1) if spp > 1 else chans[0]


def cjpeg(img, maxval, args):
    spp = 3 if img.ndim == 3 else 1
    rows, cols = img.shape[:2]
    header = f"{'P6' if spp == 3 else 'P5'}\n{cols} {rows}\n{maxval}\n".encode()
    body = img.astype(">u2" if maxval > 255 else "u1").tobytes()
    run = subprocess.run(
        [cjpeg_path(), *args], input=header + body, capture_output=True, check=False
    )
    if run.returncode:
        raise RuntimeError(run.stderr.decode())
    return run.stdout


def dataset(frames, ts, rows, cols, spp, ba, bs, signed, pi, pc=0):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = UID[ts]
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, spp
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = ba, bs, bs - 1
    ds.PixelRepresentation = int(signed)
    ds.PhotometricInterpretation = pi
    if spp > 1:
        ds.PlanarConfiguration = pc
    ds.NumberOfFrames = len(frames)
    ds.PixelData = encapsulate(frames)
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    return ds


def synthetic():
    """(name, dataset, plugin): plugin is None for pydicom's default plugin order."""
    mono, rgb = "MONOCHROME2", "RGB"
    # Lossless, every precision (GDCM aborts below 8 bits: pylibjpeg is the oracle there).
    for p in range(2, 17):
        img = image(61, 67, 1, 2**p - 1, p)
        cs = cjpeg(img, 2**p - 1, ["-lossless", "1", "-precision", str(p)])
        ba = 8 if p <= 8 else 16
        yield (
            f"syn_ll_p{p}",
            dataset([cs], "lossless", 61, 67, 1, ba, p, False, mono),
            ("pylibjpeg" if p < 8 else None),
        )
    # Every predictor, two frames, 12 and 16 bits, with a point transform on one.
    for psv in range(1, 8):
        frames = [
            cjpeg(
                image(64, 80, 1, 4095, psv * 10 + f),
                4095,
                ["-lossless", str(psv), "-precision", "12", "-restart", "3"],
            )
            for f in range(2)
        ]
        yield (
            f"syn_ll_psv{psv}_12bit",
            dataset(frames, "lossless", 64, 80, 1, 16, 12, False, mono),
            None,
        )
        cs = cjpeg(
            image(64, 80, 1, 65535, psv),
            65535,
            ["-lossless", f"{psv},{psv % 3}", "-precision", "16"],
        )
        yield (
            f"syn_ll_psv{psv}_16bit_pt{psv % 3}",
            dataset([cs], "lossless", 64, 80, 1, 16, 16, False, mono),
            None,
        )
    img = image(50, 70, 1, 65535, 1)
    cs16 = cjpeg(img, 65535, ["-lossless", "1", "-precision", "16"])
    yield "syn_sv1_p16_bs12", dataset([cs16], "sv1", 50, 70, 1, 16, 12, False, mono), None
    yield "syn_sv1_p16_bs12_signed", dataset([cs16], "sv1", 50, 70, 1, 16, 12, True, mono), None
    yield "syn_sv1_p16_signed", dataset([cs16], "sv1", 50, 70, 1, 16, 16, True, mono), None
    cs12 = cjpeg(image(50, 70, 1, 4095, 2), 4095, ["-lossless", "1", "-precision", "12"])
    yield "syn_sv1_p12_bs10", dataset([cs12], "sv1", 50, 70, 1, 16, 10, False, mono), None
    yield "syn_sv1_p12_bs16", dataset([cs12], "sv1", 50, 70, 1, 16, 16, False, mono), None
    yield "syn_sv1_p12_signed", dataset([cs12], "sv1", 50, 70, 1, 16, 12, True, mono), None
    # pydicom returns GDCM's garbage here; pyrdicom refuses (see docs/jpeg.md).
    yield "syn_sv1_p12_in_ba8", dataset([cs12], "sv1", 50, 70, 1, 8, 8, False, mono), None
    cs8 = cjpeg(image(50, 70, 1, 255, 3), 255, ["-lossless", "1"])
    yield "syn_sv1_p8_in_ba16", dataset([cs8], "sv1", 50, 70, 1, 16, 8, False, mono), None
    # Lossless colour: RGB-coded, and YCbCr-coded (cjpeg's default) labelled RGB.
    img = image(40, 52, 3, 255, 4)
    yield (
        "syn_sv1_rgb",
        dataset([cjpeg(img, 255, ["-lossless", "1", "-rgb"])], "sv1", 40, 52, 3, 8, 8, False, rgb),
        None,
    )
    yield (
        "syn_sv1_ycc_as_rgb",
        dataset([cjpeg(img, 255, ["-lossless", "1"])], "sv1", 40, 52, 3, 8, 8, False, rgb),
        None,
    )
    img16 = image(40, 52, 3, 65535, 5)
    yield (
        "syn_sv1_rgb16",
        dataset(
            [cjpeg(img16, 65535, ["-lossless", "1", "-precision", "16", "-rgb"])],
            "sv1",
            40,
            52,
            3,
            16,
            16,
            False,
            rgb,
        ),
        None,
    )
    # Baseline colour: subsamplings, RGB, mislabelled, planar configuration 1, odd sizes.
    img = image(45, 59, 3, 255, 6)
    for name, args, pi in [
        ("444", ["-sample", "1x1"], "YBR_FULL"),
        ("422", ["-sample", "2x1"], "YBR_FULL_422"),
        ("420", ["-sample", "2x2"], "YBR_FULL_422"),
        ("440", ["-sample", "1x2"], "YBR_FULL"),
        ("411", ["-sample", "4x1"], "YBR_FULL"),
        ("rgb", ["-rgb"], rgb),
        ("422_labelled_rgb", ["-sample", "2x1"], rgb),
        ("rgb_labelled_ybr", ["-rgb"], "YBR_FULL"),
        ("422_progressive", ["-sample", "2x1", "-progressive"], "YBR_FULL_422"),
        ("422_arithmetic", ["-sample", "2x1", "-arithmetic"], "YBR_FULL_422"),
        ("422_restart", ["-sample", "2x1", "-restart", "1"], "YBR_FULL_422"),
    ]:
        yield (
            f"syn_base_{name}",
            dataset([cjpeg(img, 255, args)], "baseline", 45, 59, 3, 8, 8, False, pi),
            None,
        )
    yield (
        "syn_base_422_planar1",
        dataset(
            [cjpeg(img, 255, ["-sample", "2x1"])],
            "baseline",
            45,
            59,
            3,
            8,
            8,
            False,
            "YBR_FULL_422",
            1,
        ),
        None,
    )
    yield (
        "syn_base_rgb_planar1",
        dataset([cjpeg(img, 255, ["-rgb"])], "baseline", 45, 59, 3, 8, 8, False, rgb, 1),
        None,
    )
    gray = image(45, 59, 1, 255, 7)
    csg = cjpeg(gray, 255, [])
    yield "syn_base_gray", dataset([csg], "baseline", 45, 59, 1, 8, 8, False, mono), None
    yield (
        "syn_base_gray_bs6",
        dataset([csg], "baseline", 45, 59, 1, 8, 6, False, mono),
        ("pylibjpeg"),
    )
    assert csg.endswith(b"\xff\xd9")
    yield (
        "syn_base_gray_no_eoi",
        dataset([csg[:-2]], "baseline", 45, 59, 1, 8, 8, False, mono),
        None,
    )
    yield "syn_base_gray_signed", dataset([csg], "baseline", 45, 59, 1, 8, 8, True, mono), None
    yield "syn_base_gray_in_ba16", dataset([csg], "baseline", 45, 59, 1, 16, 8, False, mono), None
    # Extended 12-bit: grayscale, Bits Stored below the precision, colour (RGB and YBR).
    g12 = image(45, 59, 1, 4095, 8)
    cs = cjpeg(g12, 4095, ["-precision", "12"])
    yield "syn_ext_12bit", dataset([cs], "extended", 45, 59, 1, 16, 12, False, mono), None
    yield "syn_ext_12bit_bs10", dataset([cs], "extended", 45, 59, 1, 16, 10, False, mono), None
    yield "syn_ext_12bit_signed", dataset([cs], "extended", 45, 59, 1, 16, 12, True, mono), None
    c12 = image(45, 59, 3, 4095, 9)
    yield (
        "syn_ext_12bit_rgb",
        dataset(
            [cjpeg(c12, 4095, ["-precision", "12", "-rgb"])],
            "extended",
            45,
            59,
            3,
            16,
            12,
            False,
            rgb,
        ),
        None,
    )
    yield (
        "syn_ext_12bit_ybr",
        dataset(
            [cjpeg(c12, 4095, ["-precision", "12"])],
            "extended",
            45,
            59,
            3,
            16,
            12,
            False,
            "YBR_FULL",
        ),
        None,
    )
    yield (
        "syn_ext_8bit",
        dataset([cjpeg(gray, 255, [])], "extended", 45, 59, 1, 8, 8, False, mono),
        None,
    )
    # A large frame for timing.
    big = image(1024, 1024, 1, 4095, 10)
    yield (
        "syn_big_ll_12bit",
        dataset(
            [cjpeg(big, 4095, ["-lossless", "1", "-precision", "12"])],
            "lossless",
            1024,
            1024,
            1,
            16,
            12,
            False,
            mono,
        ),
        None,
    )
    bigc = image(1024, 1024, 3, 255, 11)
    yield (
        "syn_big_base_420",
        dataset(
            [cjpeg(bigc, 255, ["-sample", "2x2", "-quality", "90"])],
            "baseline",
            1024,
            1024,
            3,
            8,
            8,
            False,
            "YBR_FULL_422",
        ),
        None,
    )


# --- writing a case ---------------------------------------------------------------------------


def decode_in_subprocess(path, plugin):
    """pydicom's pixel_array (as bytes) and seconds per frame, or its error."""
    code = f"""
import sys, time, warnings, pickle
warnings.simplefilter("ignore")
import pydicom
ds = pydicom.dcmread({path!r})
kw = {{"decoding_plugin": {plugin!r}}} if {plugin!r} else {{}}
try:
    best = None
    for _ in range(3):
        t = time.perf_counter()
        arr = pydicom.pixels.pixel_array(ds, **kw)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    out = (arr.astype(arr.dtype.newbyteorder("<")).tobytes(), str(arr.dtype), best)
except Exception as e:
    out = (None, f"{{type(e).__name__}}: {{e}}", None)
sys.stdout.buffer.write(pickle.dumps(out))
"""
    import pickle

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    if run.returncode:
        return None, f"pydicom aborted: {run.stderr.decode(errors='replace')[-300:]}", None
    return pickle.loads(run.stdout)


def write_case(out, name, ds, plugin, path=None):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, "*")):
        os.remove(f)
    nframes = int(ds.get("NumberOfFrames", 1) or 1)
    frames = list(generate_frames(ds.PixelData, number_of_frames=nframes))
    for i, frame in enumerate(frames):
        with open(os.path.join(d, f"frame_{i}.jpg"), "wb") as f:
            f.write(frame)
    if path is None:
        path = os.path.join(d, "case.dcm")
        ds.save_as(path, enforce_file_format=True)
        data, dtype, seconds = decode_in_subprocess(path, plugin)
        os.remove(path)
    else:
        data, dtype, seconds = decode_in_subprocess(path, plugin)
    spec = {
        "name": name,
        "transfer_syntax": TS[ds.file_meta.TransferSyntaxUID],
        "rows": ds.Rows,
        "cols": ds.Columns,
        "samples_per_pixel": ds.SamplesPerPixel,
        "bits_allocated": ds.BitsAllocated,
        "bits_stored": ds.BitsStored,
        "signed": int(ds.PixelRepresentation),
        "photometric": ds.PhotometricInterpretation,
        "planar_configuration": int(ds.get("PlanarConfiguration", 0) or 0),
        "frames": len(frames),
        "oracle": plugin or "default",
    }
    if name in OURS_FAIL_BY_DESIGN:
        spec["ours_fails_by_design"] = 1
    if data is None:
        with open(os.path.join(d, "error.txt"), "w") as f:
            f.write(dtype)
    else:
        with open(os.path.join(d, "expected.bin"), "wb") as f:
            f.write(data)
        spec["dtype"] = dtype
        spec["pydicom_ms_per_frame"] = f"{seconds * 1000 / len(frames):.4f}"
    with open(os.path.join(d, "spec.txt"), "w") as f:
        f.writelines(f"{k}={v}\n" for k, v in spec.items())
    print(name, spec.get("dtype", dtype)[:100])


def write_ybr_table(out):
    """pydicom's RGB for every 8-bit YCbCr triple, for color.rs's ignored test."""
    from pydicom.pixels.processing import convert_color_space

    ybr = np.arange(1 << 24, dtype=np.uint32)
    ybr = np.stack([ybr >> 16, (ybr >> 8) & 255, ybr & 255], -1).astype(np.uint8)
    rgb = convert_color_space(ybr.reshape(4096, 4096, 3), "YBR_FULL", "RGB")
    rgb.tofile(os.path.join(out, "ybr_to_rgb.bin"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/jpeg_oracle"
    os.makedirs(out, exist_ok=True)
    write_ybr_table(out)
    for name, ds, path in test_files():
        write_case(out, name, ds, None, path)
    for name, ds, plugin in synthetic():
        write_case(out, name, ds, plugin)


if __name__ == "__main__":
    main()
