"""Random encapsulated values with pydicom's frame locations, for
`cargo run --release --example encaps_check`.

Each line of OUT (default /tmp/encaps_cases.txt) is
`value number_of_frames eot frames gets`: hex value (given to Rust with a
Sequence Delimitation Item appended in some cases; pydicom never sees one),
the EOT as `offsets;lengths` or `none`, pydicom's `generate_frames` result as
comma-separated hex frames (`-` for an empty frame, `=` for none, `ERR` on an
exception), then `get_frame` for indices 0 .. number_of_frames + 1.

Usage: python tools/oracle/encaps_check.py [OUT] [CASES] [SEED]
"""

import random
import struct
import sys
import warnings

from pydicom.encaps import generate_frames, get_frame

DELIMITER = b"\xfe\xff\xdd\xe0\x00\x00\x00\x00"


def item(content):
    return b"\xfe\xff\x00\xe0" + struct.pack("<I", len(content)) + content


def hexes(frames):
    return ",".join(f.hex() or "-" for f in frames) or "="


def case(rng):
    alphabet = [0, 1, 0xFF, 0xD9, 0xD8]
    fragments = [
        bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for _ in range(rng.randint(0, 5))
    ]
    starts, size = [], 0
    for fragment in fragments:
        starts.append(size)
        size += 8 + len(fragment)
    mode = rng.choice(["none", "good", "random"])
    if mode == "none" or not fragments:
        bot = []
    elif mode == "good":
        bot = sorted(rng.sample(starts, rng.randint(1, len(starts))))
        if rng.random() < 0.8:
            bot[0] = 0
    else:
        bot = [rng.randint(0, size + 4) for _ in range(rng.randint(1, 4))]
    value = item(b"".join(struct.pack("<I", o) for o in bot))
    value += b"".join(item(f) for f in fragments)
    ending = rng.random()
    if 0.1 <= ending < 0.2:
        value += bytes(rng.randint(1, 3))
    elif 0.2 <= ending < 0.3 and fragments:
        value = value[: len(value) - rng.randint(1, 4)]
    eot = None
    if rng.random() < 0.2:
        k = rng.randint(0, 4)
        offsets = [rng.randint(0, size + 4) for _ in range(k)]
        eot = (offsets, [rng.randint(0, 30) for _ in range(k + rng.choice([0, 0, 1]))])
    nr_frames = rng.randint(1, 4)
    # pydicom's decode runner drops an EOT whose two tables differ in length.
    usable = eot if eot and len(eot[0]) == len(eot[1]) else None
    try:
        frames = hexes(generate_frames(value, number_of_frames=nr_frames, extended_offsets=usable))
    except Exception:
        frames = "ERR"
    gets = []
    for index in range(nr_frames + 2):
        try:
            frame = get_frame(value, index, number_of_frames=nr_frames, extended_offsets=usable)
            gets.append(hexes([frame]))
        except Exception:
            gets.append("ERR")
    if ending < 0.1:
        value += DELIMITER
    eot_text = "none" if eot is None else ";".join(",".join(map(str, t)) or "-" for t in eot)
    return f"{value.hex() or '-'} {nr_frames} {eot_text} {frames} {','.join(gets)}"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/encaps_cases.txt"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    warnings.simplefilter("ignore")
    with open(out, "w") as f:
        f.writelines(case(rng) + "\n" for _ in range(count))


if __name__ == "__main__":
    main()
