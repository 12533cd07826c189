"""pydicom oracle for tools/oracle/codec_oracle.rs (JPEG-LS, JPEG 2000, HTJ2K).

python tools/oracle/codec_oracle.py cases DIR      # test cases + pydicom's pixel_array into DIR
cargo run --release --example codec_oracle -- decode DIR
cargo run --release --example codec_oracle -- encode DIR
python tools/oracle/codec_oracle.py roundtrip DIR  # pydicom decodes what the Rust encoders wrote

Cases are every JPEG-LS / JPEG 2000 / HTJ2K file of pydicom's test data (and pydicom-data) plus
synthetic data sets: pydicom's own compress() output, CharLS conformance streams shipped with
pyjpegls, hand-made sign/precision mismatches, and HTJ2K streams from OpenJPH's ojph_compress
(Debian package openjph-tools; skipped when missing). Needs pydicom 3, numpy, pyjpegls,
pylibjpeg-openjpeg and python-gdcm.

DIR/manifest.txt: name|ts|rows|cols|spp|ba|bs|pr|pi|pc|frames|pydicom_ms|status
DIR/NAME/frame_NNN.bin (codestreams), expected.bin (pixel_array, little endian),
alt_PLUGIN.bin / .err (each decoding plugin forced).
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

import jpeg_ls
import numpy as np
import openjpeg
import pydicom
from pydicom import uid
from pydicom.data import get_testdata_files
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_frames
from pydicom.pixels import pixel_array

warnings.simplefilter("ignore")
logging.getLogger("pydicom").setLevel(logging.CRITICAL)
TS = set(uid.JPEGLSTransferSyntaxes) | set(uid.JPEG2000TransferSyntaxes)
L, NL, R, I = uid.JPEGLSLossless, uid.JPEGLSNearLossless, uid.JPEG2000Lossless, uid.JPEG2000
H, HR, HI = uid.HTJ2KLossless, uid.HTJ2KLosslessRPCL, uid.HTJ2K
rng = np.random.default_rng(1234)


def make_ds(ts, rows, cols, spp, ba, bs, pr, pi, frames, pc=0):
    """A minimal data set holding encapsulated `frames`."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ts
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = uid.generate_uid()
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, spp
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = ba, bs, bs - 1, pr
    ds.PhotometricInterpretation = pi
    if spp > 1:
        ds.PlanarConfiguration = pc
    ds.NumberOfFrames = len(frames)
    ds.PixelData = encapsulate(frames)
    ds["PixelData"].VR = "OB"
    return ds


def image(rows, cols, spp, bs, signed, frames=1):
    """A ramp with noise over the whole `bs`-bit range, extremes included."""
    lo, hi = (-(1 << (bs - 1)), (1 << (bs - 1)) - 1) if signed else (0, (1 << bs) - 1)
    y, x = np.mgrid[0:rows, 0:cols]
    out = []
    for f in range(frames):
        planes = [
            lo
            + ((x * 7 + y * 3 + f * 11 + s * 29) % 97) / 96.0 * (hi - lo)
            + rng.integers(-3, 4, size=(rows, cols))
            for s in range(spp)
        ]
        planes = [np.clip(np.round(p), lo, hi) for p in planes]
        out.append(np.stack(planes, -1) if spp > 1 else planes[0])
    a = np.stack(out) if frames > 1 else out[0]
    a.reshape(-1)[0], a.reshape(-1)[-1] = lo, hi
    size = 1 if bs <= 8 else 2 if bs <= 16 else 4
    return a.astype(f"{'i' if signed else 'u'}{size}")


class Synth:
    """Writes synthetic data sets into a directory and remembers them."""

    def __init__(self, directory):
        self.dir, self.files = directory, []

    def save(self, name, ds):
        path = f"{self.dir}/{name}.dcm"
        ds.save_as(path, enforce_file_format=True)
        self.files.append((name, path))

    def compress(self, name, ts, arr, ba, bs, pr, pi, pc=0, **kw):
        """pydicom's own compress() of `arr`."""
        spp = 1 if pi.startswith("MONO") else 3
        frames = arr.shape[0] if arr.ndim == (3 if spp == 1 else 4) else 1
        rows, cols = arr.shape[1:3] if frames > 1 else arr.shape[:2]
        arr = arr.astype(f"{arr.dtype.kind}{ba // 8}")
        ds = make_ds(uid.ExplicitVRLittleEndian, rows, cols, spp, ba, bs, pr, pi, [b"\0\0"], pc)
        ds.NumberOfFrames = frames
        ds.PixelData = arr.tobytes()
        ds["PixelData"].VR = "OB" if ba == 8 else "OW"
        ds.compress(ts, arr, **kw)
        self.save(name, ds)

    def frames(self, name, ts, frames, rows, cols, spp, ba, bs, pr, pi, pc=0):
        self.save(name, make_ds(ts, rows, cols, spp, ba, bs, pr, pi, frames, pc))

    def ojph(self, name, ts, arr, ba, bs, pr, pi, reversible=True, order="RPCL", qstep=None):
        """An HTJ2K codestream from OpenJPH (colour transform on for 3 samples)."""
        rows, cols = arr.shape[:2]
        spp = 1 if arr.ndim == 2 else 3
        out = f"{self.dir}/{name}.j2c"
        cmd = [
            "ojph_compress",
            "-o",
            out,
            "-reversible",
            str(reversible).lower(),
            "-prog_order",
            order,
        ]
        if spp == 3:  # ojph_compress takes the colour transform only from PPM input
            src = f"{self.dir}/{name}.ppm"
            with open(src, "wb") as f:
                f.write(f"P6\n{cols} {rows}\n255\n".encode() + arr.astype("u1").tobytes())
            cmd += ["-i", src, "-colour_trans", str(pi != "RGB").lower()]
        else:
            src = f"{self.dir}/{name}.yuv"
            arr.tofile(src)
            cmd += [
                "-i",
                src,
                "-dims",
                f"{{{cols},{rows}}}",
                "-num_comps",
                "1",
                "-signed",
                str(bool(pr)).lower(),
                "-bit_depth",
                str(bs),
                "-downsamp",
                "{1,1}",
            ]
        if qstep:
            cmd += ["-qstep", str(qstep)]
        subprocess.run(cmd, check=True, capture_output=True)
        with open(out, "rb") as f:
            self.frames(name, ts, [f.read()], rows, cols, spp, ba, bs, pr, pi)


def build_synthetic(s):
    # JPEG-LS: precisions, signedness, interleave modes, near-lossless, containers, colour
    for bs, ba in [(2, 8), (5, 8), (7, 8), (8, 8), (10, 16), (12, 16), (16, 16)]:
        s.compress(f"jls_u{bs}", L, image(33, 47, 1, bs, False, 2), ba, bs, 0, "MONOCHROME2")
    for bs, ba in [(5, 8), (8, 8), (12, 16), (13, 16), (16, 16)]:
        s.compress(f"jls_s{bs}", L, image(33, 47, 1, bs, True, 2), ba, bs, 1, "MONOCHROME2")
    s.compress("jls_rgb8_pc0", L, image(40, 30, 3, 8, False), 8, 8, 0, "RGB", pc=0)
    s.compress("jls_rgb8_pc1", L, image(40, 30, 3, 8, False), 8, 8, 0, "RGB", pc=1)
    s.compress("jls_rgb12_pc0", L, image(40, 30, 3, 12, False), 16, 12, 0, "RGB", pc=0)
    s.compress("jls_rgb16_pc1", L, image(40, 30, 3, 16, False), 16, 16, 0, "RGB", pc=1)
    s.compress("jls_ybr8", L, image(40, 30, 3, 8, False), 8, 8, 0, "YBR_FULL")
    s.compress("jlsn_u8_e3", NL, image(33, 47, 1, 8, False, 2), 8, 8, 0, "MONOCHROME2", jls_error=3)
    s.compress(
        "jlsn_u12_e2", NL, image(33, 47, 1, 12, False), 16, 12, 0, "MONOCHROME2", jls_error=2
    )
    a = np.clip(image(33, 47, 1, 12, True), -2046, 2045)
    s.compress("jlsn_s12_e2", NL, a, 16, 12, 1, "MONOCHROME2", jls_error=2)
    s.compress("jlsn_rgb8_e2", NL, image(40, 30, 3, 8, False), 8, 8, 0, "RGB", jls_error=2)
    for pr in (0, 1):  # precision 8 in a 16-bit container
        a = image(20, 21, 1, 8, bool(pr)).view("u1")
        cs = bytes(jpeg_ls.encode_buffer(a.tobytes(), 20, 21, 1, 8))
        s.frames(f"jls_p8_in_ba16_pr{pr}", L, [cs], 20, 21, 1, 16, 8, pr, "MONOCHROME2")
    conf = os.path.join(os.path.dirname(jpeg_ls.__file__), "tests", "jlsimV100")
    for fn in [
        "T8C0E0",
        "T8C1E0",
        "T8C2E0",
        "T8C0E3",
        "T8C1E3",
        "T8C2E3",
        "T16E0",
        "T16E3",
        "T8NDE0",
        "T8NDE3",
    ]:
        with open(f"{conf}/{fn}.JLS", "rb") as f:
            cs = f.read()
        info = jpeg_ls.decode_buffer(cs)[1]
        p, spp = info["bits_per_sample"], info["components"]
        s.frames(
            f"conf_{fn}",
            L if fn.endswith("E0") else NL,
            [cs],
            info["height"],
            info["width"],
            spp,
            8 if p <= 8 else 16,
            p,
            0,
            "RGB" if spp == 3 else "MONOCHROME2",
        )
        if fn == "T8C2E0":  # labelled YBR_FULL: pydicom converts to RGB
            s.frames("conf_T8C2E0_ybr", L, [cs], 256, 256, 3, 8, 8, 0, "YBR_FULL")

    # JPEG 2000 (pylibjpeg-openjpeg needs at least 32 px per side with 6 resolutions)
    for bs, ba in [(8, 8), (12, 16), (16, 16)]:
        s.compress(f"j2k_u{bs}", R, image(36, 47, 1, bs, False, 2), ba, bs, 0, "MONOCHROME2")
        s.compress(f"j2k_s{bs}", R, image(36, 47, 1, bs, True, 2), ba, bs, 1, "MONOCHROME2")
    s.compress("j2k_u5", R, image(40, 36, 1, 5, False), 8, 5, 0, "MONOCHROME2")
    s.compress("j2k_rgb8_rct", R, image(40, 48, 3, 8, False), 8, 8, 0, "YBR_RCT")
    s.compress("j2k_rgb8_rgb", R, image(40, 48, 3, 8, False), 8, 8, 0, "RGB")
    s.compress("j2k_rgb12_rct", R, image(40, 48, 3, 12, False), 16, 12, 0, "YBR_RCT")
    s.compress("j2k_ybrfull8", R, image(40, 48, 3, 8, False), 8, 8, 0, "YBR_FULL")
    s.compress(
        "j2ki_s12_cr10", I, image(64, 48, 1, 12, True), 16, 12, 1, "MONOCHROME2", j2k_cr=[10]
    )
    s.compress(
        "j2ki_u16_psnr", I, image(64, 48, 1, 16, False), 16, 16, 0, "MONOCHROME2", j2k_psnr=[60]
    )
    s.compress("j2ki_rgb8_ict", I, image(64, 48, 3, 8, False), 8, 8, 0, "YBR_ICT", j2k_cr=[5, 2])
    # codestream signedness disagreeing with Pixel Representation
    for bs, sgnd, pr, pi in [
        (13, False, 1, "MONOCHROME2"),
        (12, True, 0, "MONOCHROME2"),
        (16, False, 1, "MONOCHROME2"),
        (12, False, 1, "MONOCHROME1"),
        (8, True, 0, "MONOCHROME2"),
        (12, False, 1, "RGB"),
    ]:
        spp = 3 if pi == "RGB" else 1
        cs = openjpeg.utils.encode_buffer(
            image(41, 39, spp, bs, sgnd).tobytes(), 39, 41, spp, bs, sgnd, use_mct=False
        )
        s.frames(
            f"j2k_mismatch_p{bs}{'s' if sgnd else 'u'}_pr{pr}_{pi}",
            R,
            [bytes(cs)],
            41,
            39,
            spp,
            16 if bs > 8 else 8,
            bs,
            pr,
            pi,
        )
    for pr in (0, 1):  # codestream precision 8 under Bits Stored 12 / Bits Allocated 16
        cs = openjpeg.utils.encode_buffer(
            image(41, 39, 1, 8, bool(pr)).tobytes(), 39, 41, 1, 8, bool(pr)
        )
        s.frames(f"j2k_p8_in_ba16_pr{pr}", R, [bytes(cs)], 41, 39, 1, 16, 12, pr, "MONOCHROME2")
    cs = openjpeg.utils.encode_buffer(image(36, 35, 1, 24, False).tobytes(), 35, 36, 1, 24, False)
    s.frames("j2k_u24_ba32", R, [bytes(cs)], 36, 35, 1, 32, 24, 0, "MONOCHROME2")

    # HTJ2K (no Python encoder: OpenJPH's command line tool)
    if shutil.which("ojph_compress") is None:
        print(
            "ojph_compress not found (apt-get install openjph-tools): no HTJ2K cases",
            file=sys.stderr,
        )
        return
    s.ojph("htj2k_u8", H, image(57, 43, 1, 8, False), 8, 8, 0, "MONOCHROME2", order="LRCP")
    s.ojph("htj2k_u12", HR, image(57, 43, 1, 12, False), 16, 12, 0, "MONOCHROME2")
    s.ojph("htj2k_u16", H, image(57, 43, 1, 16, False), 16, 16, 0, "MONOCHROME2")
    s.ojph("htj2k_s12", HR, image(57, 43, 1, 12, True), 16, 12, 1, "MONOCHROME2")
    s.ojph("htj2k_s16", H, image(57, 43, 1, 16, True), 16, 16, 1, "MONOCHROME2")
    s.ojph("htj2k_rgb8_rct", HR, image(57, 43, 3, 8, False), 8, 8, 0, "YBR_RCT")
    s.ojph("htj2k_rgb8_rgb", H, image(57, 43, 3, 8, False), 8, 8, 0, "RGB")
    s.ojph(
        "htj2k_lossy_u12",
        HI,
        image(57, 43, 1, 12, False),
        16,
        12,
        0,
        "MONOCHROME2",
        reversible=False,
        qstep=0.001,
    )
    s.ojph(
        "htj2k_lossy_rgb8_ict",
        HI,
        image(57, 43, 3, 8, False),
        8,
        8,
        0,
        "YBR_ICT",
        reversible=False,
        qstep=0.01,
    )


def plugins_for(ts):
    if ts in uid.JPEGLSTransferSyntaxes:
        return ["gdcm", "pylibjpeg", "pyjpegls"]
    return ["gdcm", "pylibjpeg"] if ts in (R, I) else ["pylibjpeg"]


def write_case(out, name, path, manifest):
    ds = pydicom.dcmread(path)
    ts = ds.file_meta.TransferSyntaxUID
    if ts not in TS or "PixelData" not in ds:
        return
    d = f"{out}/{name}"
    os.makedirs(d)
    nfr = int(ds.get("NumberOfFrames", 1) or 1)
    frames = list(generate_frames(ds.PixelData, number_of_frames=nfr))
    for i, fr in enumerate(frames):
        with open(f"{d}/frame_{i:03d}.bin", "wb") as f:
            f.write(fr)
    status, ms = "ok", -1.0
    try:
        arr = pixel_array(path)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            pixel_array(path)
            times.append(time.perf_counter() - t)
        ms = min(times) * 1000
        arr.astype(arr.dtype.newbyteorder("<")).tofile(f"{d}/expected.bin")
        for p in plugins_for(ts):
            try:
                pixel_array(path, decoding_plugin=p).tofile(f"{d}/alt_{p}.bin")
            except Exception as e:
                with open(f"{d}/alt_{p}.err", "w") as f:
                    f.write(str(e))
    except Exception as e:
        status = "error:" + str(e).replace("\n", " ").replace("|", "/")[:200]
    g = ds.get
    fields = [
        name,
        ts,
        g("Rows"),
        g("Columns"),
        g("SamplesPerPixel", 1),
        g("BitsAllocated"),
        g("BitsStored"),
        g("PixelRepresentation"),
        g("PhotometricInterpretation", ""),
        g("PlanarConfiguration", 0),
        len(frames),
        f"{ms:.3f}",
        status,
    ]
    manifest.write("|".join(map(str, fields)) + "\n")


def cases(out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with tempfile.TemporaryDirectory() as tmp:
        synth = Synth(tmp)
        build_synthetic(synth)
        with open(f"{out}/manifest.txt", "w") as m:
            for p in sorted(set(get_testdata_files("*"))):
                try:
                    ts = pydicom.dcmread(p, stop_before_pixels=True).file_meta.TransferSyntaxUID
                except Exception:
                    continue
                if ts in TS:
                    write_case(out, os.path.basename(p)[:-4], p, m)
            for name, p in synth.files:
                write_case(out, name, p, m)
    # Plugins that disagree with pixel_array (none expected).
    for name in sorted(os.listdir(out)):
        for alt in sorted(os.listdir(f"{out}/{name}")) if os.path.isdir(f"{out}/{name}") else []:
            if alt.startswith("alt_") and alt.endswith(".bin"):
                with (
                    open(f"{out}/{name}/{alt}", "rb") as a,
                    open(f"{out}/{name}/expected.bin", "rb") as e,
                ):
                    if a.read() != e.read():
                        print(f"{name}: {alt[4:-4]} differs from pixel_array")


def roundtrip(out):
    """Decode the enc_NNN.bin codestreams with every pydicom plugin and compare them with
    expected.bin; returns the number of lossless cases that are not exact."""
    bad = 0
    with open(f"{out}/manifest.txt") as m:
        lines = [ln.rstrip("\n").split("|") for ln in m]
    for f in lines:
        name, ts = f[0], uid.UID(f[1])
        r, c, spp, ba, bs, pr = map(int, f[2:8])
        if f[12] != "ok" or ts in (H, HR, HI):
            continue
        nfr = int(f[10])
        encs = [f"{out}/{name}/enc_{i:03d}.bin" for i in range(nfr)]
        if not all(os.path.exists(e) for e in encs):
            print(f"{name}: not encoded")
            continue
        frames = []
        for e in encs:
            with open(e, "rb") as fh:
                frames.append(fh.read())
        pi = "RGB" if f[8] in ("YBR_FULL", "YBR_FULL_422") else f[8]
        ds = make_ds(ts, r, c, spp, ba, bs, pr, pi, frames)
        exp = np.fromfile(
            f"{out}/{name}/expected.bin", dtype=f"<{'i' if pr else 'u'}{ba // 8}"
        ).astype(np.int64)
        res = []
        for p in plugins_for(ts):
            try:
                d = int(
                    np.abs(
                        pixel_array(ds, decoding_plugin=p).reshape(-1).astype(np.int64) - exp
                    ).max()
                )
                res.append(f"{p}={d}")
                bad += d != 0 and ts in (L, R)
            except Exception as e:
                res.append(f"{p}=error({str(e).splitlines()[-1][:60]})")
        print(
            f"{name:36s} {ts.name[:30]:30s} {sum(map(len, frames)):8d} bytes, max diff {' '.join(res)}"
        )
    return bad


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("cases", "roundtrip"):
        sys.exit(__doc__)
    if sys.argv[1] == "cases":
        cases(sys.argv[2])
    else:
        sys.exit(1 if roundtrip(sys.argv[2]) else 0)
