#!/usr/bin/env python3
"""Writes src/zone/zoneinfo.bin: every IANA time zone of a compiled tz database, as TZif,
in one file the binary embeds (see src/zone/mod.rs).

The tz database's own files merge zones that agree since 1970 (Europe/Oslo is a link to
Europe/Berlin there) unless it is built with `backzone`; then each zone keeps its history.
Debian's tzdata package is built with backzone, so this is run on a Debian machine:

    apt-get install tzdata        # the version below
    python3 tools/zoneinfo.py /usr/share/zoneinfo src/zone/zoneinfo.bin

Format (integers little endian): the line `complaint-sla zoneinfo 1`, a line naming the
source; the number of distinct TZif files (u16), each as its length (u32) and bytes; then the
number of zone names (u16), each as its length (u16), the name, and the index of its TZif
(u16). Names are in name order; a link shares its target's TZif.
"""
import os
import struct
import sys

root, out = sys.argv[1], sys.argv[2]
with open(os.path.join(root, "tzdata.zi"), encoding="utf-8") as f:
    head = [next(f).strip() for _ in range(2)]
version = head[0].removeprefix("# version ").strip()
if "backzone" not in head[1]:
    sys.exit(f"{root} was not built with backzone: {head[1]}")
zones = {}
for dirpath, dirnames, filenames in os.walk(root):
    rel = os.path.relpath(dirpath, root)
    if rel.split(os.sep)[0] in ("posix", "right"):
        continue
    for name in filenames:
        path = os.path.join(dirpath, name)
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(b"TZif") or name in ("localtime", "posixrules"):
            continue
        zone = os.path.normpath(os.path.join(rel, name)).replace(os.sep, "/")
        zones[zone] = data
with open(out, "wb") as f:
    f.write(b"complaint-sla zoneinfo 1\n")
    f.write(f"tzdata {version} with backzone (Debian tzdata)\n".encode())
    blobs = sorted(set(zones.values()))
    index = {b: i for i, b in enumerate(blobs)}
    f.write(struct.pack("<H", len(blobs)))
    for blob in blobs:
        f.write(struct.pack("<I", len(blob)) + blob)
    f.write(struct.pack("<H", len(zones)))
    for zone in sorted(zones):
        name = zone.encode()
        f.write(struct.pack("<H", len(name)) + name + struct.pack("<H", index[zones[zone]]))
print(f"{len(zones)} zones, tzdata {version}, {os.path.getsize(out)} bytes")
