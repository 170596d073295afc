"""De-identification benchmark for pydicom: a Basic-profile-style loop over every file listed.

Per file: dcmread; remove private elements, curves/overlay data and the main identifying attributes (X), empty the
type-2 ones (Z), replace UIDs with keyed 2.25 UIDs (U, HMAC-SHA256 so references stay consistent), recurse into
sequences; set Patient Identity Removed; save_as into the output tree. Not a complete Table E.1-1: the main tags only.
"""
import hashlib
import hmac
import os
import sys

import pydicom
from pydicom.tag import Tag

KEY = b"dicomdeid-bench-key"

REMOVE = {Tag(t) for t in [
    0x00080080, 0x00080081, 0x00080092, 0x00080094, 0x00081010, 0x00081030, 0x0008103E, 0x00081040, 0x00081048,
    0x00081050, 0x00081070, 0x00101000, 0x00101001, 0x00101002, 0x00101040, 0x00102154, 0x00104000, 0x00181000,
    0x00181030, 0x00204000, 0x00321032, 0x00321060, 0x00400244, 0x00400245, 0x00400253, 0x00400254, 0x00400275,
    0x0040A073, 0x0040A123, 0x0040A160, 0x00020016,
]}
EMPTY = {Tag(t) for t in [
    0x00080020, 0x00080030, 0x00080050, 0x00080090, 0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x00200010,
]}
KEEP_UIDS = {Tag(t) for t in [0x00080016, 0x00081150, 0x00020002, 0x00020010, 0x00020012]}


def new_uid(u):
    digest = hmac.new(KEY, str(u).encode("ascii"), hashlib.sha256).digest()[:16]
    return "2.25." + str(int.from_bytes(digest, "big"))


def clean(ds):
    for elem in list(ds):
        t = elem.tag
        if t.is_private or t in REMOVE or (t.group & 0xFF00) in (0x5000, 0x6000) and t.element in (0x3000, 0x4000, 0x1500, 0x0022):
            del ds[t]
        elif elem.VR == "SQ":
            for item in elem.value:
                clean(item)
        elif t in EMPTY:
            elem.value = ""
        elif elem.VR == "UI" and t not in KEEP_UIDS and elem.value:
            elem.value = new_uid(elem.value)
        elif elem.VR in ("DA", "DT") and elem.value:
            elem.value = ""


def main():
    list_path, in_root, out_root = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(list_path, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    n = 0
    for p in paths:
        ds = pydicom.dcmread(p)
        clean(ds)
        ds.PatientIdentityRemoved = "YES"
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        out = os.path.join(out_root, os.path.relpath(p, in_root))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        ds.save_as(out)
        n += 1
    print(f"files={n}")


if __name__ == "__main__":
    main()
