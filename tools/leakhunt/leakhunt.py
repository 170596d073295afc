#!/usr/bin/python3
"""Black-box leak hunt for the DicomDeid module.

1. plant   - make adversarial copies of ~16 corpus files with synthetic identity
             tokens in every Table E.1-1 attribute, nested sequences, private
             blocks, overlays/curves, PN/dates not in the table, UIDs, file meta.
2. run     - run Invoke-DicomDeidentification (one run per option set).
3. scan    - independently scan every output: raw bytes, every parsed element at
             every depth, Table E.1-1 action check, UID consistency, dcmdump.

Needs pydicom 2.x (use /usr/bin/python3 on the test box) and dcmdump.
Nothing here imports or calls the module's own verifier.
"""
import argparse, csv, datetime, json, os, re, shutil, subprocess, sys, zlib
from collections import defaultdict, Counter

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.tag import Tag
from pydicom.uid import UID

# ../shared next to the repository (the shared material; users of the module do not have it).
_SHARED = os.environ.get('DICOMDEID_SHARED') or os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared'))
STD = os.path.join(_SHARED, 'dicom-standard')
CORPUS = os.path.join(_SHARED, 'corpus', 'public')

# ---------------------------------------------------------------- identity
NAME = 'ZQXWALLACE^JUNIPER'
MRN = 'MRN-88412307'
PHONE = '+1-555-0142-7788'
ADDRESS = '4417 ZQX ELM STREET SPRINGFIELD'
BIRTH = '19530412'
ACCN = 'ACC-ZQ5521907'
UID_ROOT = '1.2.826.0.1.3680043.10.999.'   # planted synthetic UIDs
FIXED_STRINGS = ['ZQXWALLACE', 'JUNIPER', '88412307', '555-0142', 'ZQX ELM STREET', BIRTH, 'ZQ552190', UID_ROOT]
TOKEN_RE = re.compile(rb'ZQ\d{6}(?!\d)')

# files: (corpus path, short name, notes)
FILES = [
    ('pydicom/test_files/MR_small_implicit.dcm', 'mr_implicit', 'implicit VR LE'),
    ('pydicom/test_files/MR_small_bigendian.dcm', 'mr_bigendian', 'explicit VR BE'),
    ('pydicom/test_files/CT_small.dcm', 'ct', 'CT explicit LE'),
    ('pydicom/test_files/JPEG-lossy.dcm', 'jpeg_lossy', 'JPEG extended, NM'),
    ('pydicom/test_files/MR_small_RLE.dcm', 'mr_rle', 'RLE'),
    ('pydicom/test_files/examples_ybr_color.dcm', 'us_multiframe', 'US multi-frame JPEG baseline'),
    ('pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm', 'us_jpegll', 'US JPEG lossless'),
    ('pydicom/test_files/test-SR.dcm', 'sr_comprehensive', 'Comprehensive SR'),
    ('pydicom/test_files/reportsi.dcm', 'sr_basic', 'Basic text SR, undefined-length SQs'),
    ('pydicom/test_files/rtplan.dcm', 'rtplan', 'RT plan implicit'),
    ('pydicom/test_files/rtdose.dcm', 'rtdose', 'RT dose multi-frame implicit'),
    ('pydicom-data/emri_small.dcm', 'enhanced_mr', 'Enhanced MR, functional groups'),
    ('pydicom/test_files/examples_overlay.dcm', 'mr_overlay', 'MR with overlay'),
    ('pydicom/test_files/image_dfl.dcm', 'deflated', 'deflated explicit LE'),
    ('pydicom/test_files/dicomdirtests/77654033/CR1/6154', 'cr', 'CR from a DICOMDIR set (DICOMDIR itself excluded)'),
    ('pydicom/charset_files/chrX1.dcm', 'utf8_sc', 'ISO_IR 192'),
    ('pydicom/test_files/liver_1frame.dcm', 'seg', 'Segmentation'),
]
# one extra adversarial copy that falsely claims Patient Identity Removed = YES
ALREADY_DEID_FROM = 'ct'

RUNS = {
    'basic': [],
    'cleandesc': ['CleanDescriptors'],
    'safepriv': ['RetainSafePrivate'],
    'retainuids': ['RetainUIDs'],
    'moddates': ['RetainLongitudinalModifiedDates'],
    'cleanstruct_graphics': ['CleanStructuredContent', 'CleanGraphics'],
    'retain_pat_dev_inst': ['RetainPatientCharacteristics', 'RetainDeviceIdentity', 'RetainInstitutionIdentity'],
}
OPTION_COLUMN = {
    'RetainSafePrivate': 'retain_safe_private', 'RetainUIDs': 'retain_uids',
    'RetainDeviceIdentity': 'retain_device_identity', 'RetainInstitutionIdentity': 'retain_institution_identity',
    'RetainPatientCharacteristics': 'retain_patient_characteristics',
    'RetainLongitudinalFullDates': 'retain_long_full_dates', 'RetainLongitudinalModifiedDates': 'retain_long_modified_dates',
    'CleanDescriptors': 'clean_descriptors', 'CleanStructuredContent': 'clean_structured_content',
    'CleanGraphics': 'clean_graphics',
}

# K sequences (not in Table E.1-1) used as a nesting chain
K_CHAIN = ['(0008,2218)', '(0008,2220)', '(0040,A043)', '(0040,A168)']
PRIV_GROUP = 0x0029
PRIV_CREATOR = 'ZQX SECRET CREATOR 1'


def read_tsv(name):
    with open(os.path.join(STD, name), newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


DD = {r['tag']: r for r in read_tsv('data-dictionary.tsv')}
CP = {r['tag']: r for r in read_tsv('confidentiality-profile.tsv')}
SAFE = read_tsv('safe-private-attributes.tsv')
REGISTRY_UIDS = {r['uid'] for r in read_tsv('uid-registry.tsv')}
REGISTRY_UIDS |= {r.get('uid', '') for r in read_tsv('well-known-frames-of-reference.tsv')}


def tstr(tag):
    t = Tag(tag)
    return '(%04X,%04X)' % (t.group, t.element)


def tag_of(s):
    return Tag(int(s[1:5], 16), int(s[6:10], 16))


def cp_row(tag):
    """Table E.1-1 row for a concrete tag (handles 60xx / 50xx / private)."""
    t = Tag(tag)
    s = tstr(t)
    if s in CP:
        return CP[s]
    if t.group % 2 == 1:
        return CP['(gggg,eeee) where gggg is odd']
    if 0x6000 <= t.group <= 0x601E and t.group % 2 == 0:
        m = '(60xx,%04X)' % t.element
        return CP.get(m)
    if 0x5000 <= t.group <= 0x501E and t.group % 2 == 0:
        return CP['(50xx,xxxx)']
    return None


def effective_action(row, options):
    if row is None:
        return None
    act = row['basic_profile']
    for o in options:
        col = OPTION_COLUMN.get(o)
        if col and row.get(col):
            act = row[col]
    return act


# ---------------------------------------------------------------- planting
class Planter:
    def __init__(self, fname):
        self.fname = fname
        self.n = 0
        self.records = []          # every planted element

    def tok(self):
        self.n += 1
        return 'ZQ%06d' % (self.serial0 + self.n)

    def value(self, vr, tag):
        """(value, token-or-None) valid for vr."""
        s = tstr(tag)
        if vr in ('OB or OW', 'OB or OW or UN'):
            vr = 'OB'
        if ' or ' in vr:
            vr = vr.split(' or ')[0]
        tk = self.tok()
        k = self.serial0 + self.n
        if s == '(0010,0030)':
            return 'DA', BIRTH, None
        if s == '(0008,0050)':
            return 'SH', ACCN[:12] + tk[-2:], None  # accession-like; fixed string + 2 digits
        if vr == 'PN':
            return vr, NAME + '^' + tk, tk
        if vr in ('LO', 'UC'):
            return vr, '%s %s WALLACE' % (tk, MRN), tk
        if vr == 'SH':
            return vr, tk + '-8841', tk
        if vr in ('LT', 'ST', 'UT'):
            return vr, 'Patient %s %s %s born %s lives at %s phone %s' % (NAME, tk, MRN, BIRTH, ADDRESS, PHONE), tk
        if vr == 'AE':
            return vr, tk + 'AE', tk
        if vr == 'CS':
            return vr, tk, tk
        if vr == 'UR':
            return vr, 'http://zqx.example/%s/%s' % (tk, MRN), tk
        if vr in ('OB', 'OW', 'UN'):
            b = ('%s %s %s ' % (tk, NAME, MRN)).encode()
            if len(b) % 2:
                b += b' '
            return vr, b, tk
        if vr == 'UI':
            return vr, UID_ROOT + str(k), None
        if vr == 'DA':
            d = datetime.date(1931, 1, 1) + datetime.timedelta(days=37 * (k % 600))
            return vr, d.strftime('%Y%m%d'), None
        if vr == 'DT':
            d = datetime.date(1931, 1, 1) + datetime.timedelta(days=37 * (k % 600))
            return vr, d.strftime('%Y%m%d') + '101112', None
        if vr == 'TM':
            return vr, '%02d%02d%02d' % (1 + k % 23, 1 + k % 59, 1 + (k * 7) % 59), None
        if vr == 'AS':
            return vr, '059Y', None
        if vr == 'DS':
            return vr, '%d.25' % (8841 + k), None
        if vr == 'IS':
            return vr, str(88412307 + k), None
        if vr in ('US', 'SS', 'UL', 'SL', 'UV', 'SV'):
            return vr, 4242 + (k % 1000), None
        if vr in ('FL', 'FD', 'OF', 'OD'):
            return 'FD' if vr in ('FD', 'OD') else 'FL', 42.5, None
        if vr == 'AT':
            return vr, 0x00100010, None
        if vr == 'SQ':
            it = Dataset()
            it.PatientName = NAME + '^' + tk
            it.add_new(0x00100020, 'LO', '%s %s' % (tk, MRN))
            it.add_new(0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.7')
            it.add_new(0x00081155, 'UI', UID_ROOT + str(k))
            return vr, Sequence([it]), tk
        return None, None, None

    def put(self, ds, tag, path, cat, vr=None, value=None, token=None):
        s = tstr(tag)
        if vr is None:
            dvr = DD.get(s, {}).get('vr') or 'LO'
            vr, value, token = self.value(dvr, tag)
            if vr is None:
                return
        ds.add_new(Tag(tag), vr, value)
        rec = dict(file=self.fname, path=path + s, tag=s, vr=vr, cat=cat, token=token,
                   value=value if isinstance(value, (str, int, float)) else
                   (value.decode('latin1') if isinstance(value, bytes) else 'SQ'))
        if vr == 'SQ':
            rec['child_tokens'] = [token]
            rec['child_uid'] = UID_ROOT + str(self.serial0 + self.n)
        self.records.append(rec)


SKIP_GROUPS = {0x0002, 0x0028, 0x7FE0}
# (0042,0011) Encapsulated Document (D): the engine refuses any file carrying it (conservative) -
# planting it would stop every file, so it is probed separately (see README)
SKIP_TAGS = {'(0042,0011)'}


def plant_table(pl, ds, path, existing_ok=True, depth=0):
    """Plant every concrete Table E.1-1 attribute into ds."""
    for s, row in CP.items():
        if 'x' in s or 'gggg' in s:
            continue
        t = tag_of(s)
        if t.group in SKIP_GROUPS or s in SKIP_TAGS:
            continue
        dvr = DD.get(s, {}).get('vr', '')
        if t in ds and existing_ok:
            el = ds[t]
            if el.VR == 'UI':        # keep original UID, record it
                pl.records.append(dict(file=pl.fname, path=path + s, tag=s, vr='UI', cat='table-orig-uid',
                                       token=None, value=str(el.value)))
                continue
            if el.VR == 'SQ':        # keep original items, append a planted item
                _, seqv, tk = pl.value('SQ', t)
                el.value.append(seqv[0])
                idx = len(el.value) - 1
                pl.records.append(dict(file=pl.fname, path=path + s + '[%d]' % idx, tag=s, vr='SQ', cat='table-appended-item',
                                       token=tk, value='SQ'))
                continue
            del ds[t]
        if s == '(0008,0018)' or s == '(0020,000D)' or s == '(0020,000E)':
            if t not in ds:
                pl.put(ds, t, path, 'table')
            continue
        pl.put(ds, t, path, 'table')


def plant_extras(pl, ds, path):
    # (d) PN attributes not in the table
    for s, r in DD.items():
        if r['vr'] == 'PN' and s not in CP and 'x' not in s:
            pl.put(ds, tag_of(s), path, 'pn-not-in-table')
    # (e) dates/times not in the table (a selection incl. all DA/DT)
    for s, r in DD.items():
        if r['vr'] in ('DA', 'DT') and s not in CP and 'x' not in s and r['table'].startswith('PS3.6'):
            pl.put(ds, tag_of(s), path, 'date-not-in-table')
    # (h) free text not in the table
    for s in ['(0028,4000)', '(0040,0400)', '(0040,A160)', '(0018,9941)', '(0020,9453)', '(0010,2201)', '(0018,7006)']:
        if tag_of(s) not in ds:
            pl.put(ds, tag_of(s), path, 'text-not-in-table')


def plant_private(pl, ds, path, depth=0):
    g = PRIV_GROUP
    ds.add_new(Tag(g, 0x0010), 'LO', PRIV_CREATOR)
    for el, vr in [(0x1001, 'LO'), (0x1002, 'SH'), (0x1003, 'LT'), (0x1004, 'UN'), (0x1005, 'OB')]:
        v, val, tk = pl.value(vr, Tag(g, el))
        pl.put(ds, Tag(g, el), path, 'private', vr=v, value=val, token=tk)
    # private SQ with a nested private block and a PN inside
    tk = pl.tok()
    it = Dataset()
    it.PatientName = NAME + '^' + tk
    it.add_new(Tag(g, 0x0010), 'LO', PRIV_CREATOR)
    it.add_new(Tag(g, 0x1001), 'LO', '%s %s' % (tk, MRN))
    ds.add_new(Tag(g, 0x1006), 'SQ', Sequence([it]))
    pl.records.append(dict(file=pl.fname, path=path + tstr(Tag(g, 0x1006)), tag=tstr(Tag(g, 0x1006)), vr='SQ',
                           cat='private', token=tk, value='SQ'))
    if depth == 0:
        # second block of another unknown creator at slot 0x12 of group 0009
        ds.add_new(0x00090012, 'LO', 'ZQX OTHER VENDOR')
        pl.put(ds, Tag(0x0009, 0x1201), path, 'private', *pl.value('LO', Tag(0x0009, 0x1201)))
        # orphan private element (no creator)
        pl.put(ds, Tag(0x0031, 0x1001), path, 'private-orphan', *pl.value('LO', Tag(0x0031, 0x1001)))
        # RetainSafePrivate probes: a listed safe element of GEMS_ACQU_01 in block 0x10,
        # an unlisted element of the same creator, and the same element number under an unknown creator
        ds.add_new(0x00190010, 'LO', 'GEMS_ACQU_01')
        pl.put(ds, Tag(0x0019, 0x109E), path, 'private-safe-listed', *pl.value('LO', Tag(0x0019, 0x109E)))
        pl.put(ds, Tag(0x0019, 0x10FE), path, 'private-safe-creator-unlisted', *pl.value('LO', Tag(0x0019, 0x10FE)))
        ds.add_new(0x00190011, 'LO', 'ZQX NOT GEMS')
        pl.put(ds, Tag(0x0019, 0x119E), path, 'private-unsafe-creator-same-element', *pl.value('LO', Tag(0x0019, 0x119E)))


def plant_overlay_curve(pl, ds, path, rows, cols):
    for g in (0x6000, 0x6002):
        if Tag(g, 0x0010) not in ds:
            ds.add_new(Tag(g, 0x0010), 'US', rows)
            ds.add_new(Tag(g, 0x0011), 'US', cols)
            ds.add_new(Tag(g, 0x0040), 'CS', 'G')
            ds.add_new(Tag(g, 0x0050), 'SS', [1, 1])
            ds.add_new(Tag(g, 0x0100), 'US', 1)
            ds.add_new(Tag(g, 0x0102), 'US', 0)
            n = (rows * cols + 7) // 8
            n += n % 2
            tk = pl.tok()
            data = (tk + ' ' + NAME + ' ').encode()
            data = (data * (n // len(data) + 1))[:n]
            pl.put(ds, Tag(g, 0x3000), path, 'overlay', 'OW', data, tk)
        for el, vr in [(0x0022, 'LO'), (0x1500, 'LO'), (0x4000, 'LT')]:
            if Tag(g, el) in ds:
                del ds[Tag(g, el)]
            pl.put(ds, Tag(g, el), path, 'overlay', *pl.value(vr, Tag(g, el)))
    for g in (0x5000, 0x5002):
        ds.add_new(Tag(g, 0x0005), 'US', 1)
        ds.add_new(Tag(g, 0x0010), 'US', 4)
        ds.add_new(Tag(g, 0x0020), 'CS', 'TAC')
        ds.add_new(Tag(g, 0x0103), 'US', 0)
        pl.put(ds, Tag(g, 0x0022), path, 'curve', *pl.value('LO', Tag(g, 0x0022)))
        pl.put(ds, Tag(g, 0x2500), path, 'curve', *pl.value('LO', Tag(g, 0x2500)))
        pl.put(ds, Tag(g, 0x3000), path, 'curve', *pl.value('OB', Tag(g, 0x3000)))


def implicit_item_bytes(items):
    """Encode a list of (tag, vr, value) as one undefined-length item, implicit VR LE (for a UN sequence)."""
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_dataset
    d = Dataset()
    for t, vr, v in items:
        d.add_new(t, vr, v)
    fp = DicomBytesIO()
    fp.is_little_endian = True
    fp.is_implicit_VR = True
    write_dataset(fp, d)
    body = fp.getvalue()
    return (b'\xfe\xff\x00\xe0\xff\xff\xff\xff' + body + b'\xfe\xff\x0d\xe0\x00\x00\x00\x00' +
            b'\xfe\xff\xdd\xe0\x00\x00\x00\x00')


def make_adversarial(src, short, outdir, serial0, other_uids, already_deid=False):
    ds = pydicom.dcmread(src, force=True)
    pl = Planter(short)
    pl.serial0 = serial0
    orig_uids = {}
    for k in ('SOPInstanceUID', 'StudyInstanceUID', 'SeriesInstanceUID', 'FrameOfReferenceUID'):
        if k in ds:
            orig_uids[k] = str(ds.data_element(k).value)
    if 'SOPInstanceUID' not in ds:
        ds.SOPInstanceUID = UID_ROOT + str(serial0) + '.1'
        orig_uids['SOPInstanceUID'] = ds.SOPInstanceUID
    if 'SOPClassUID' not in ds:
        ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    # top level
    plant_table(pl, ds, '')
    plant_extras(pl, ds, '')
    plant_private(pl, ds, '')
    rows = int(ds.get('Rows', 64) or 64)
    cols = int(ds.get('Columns', 64) or 64)
    plant_overlay_curve(pl, ds, '', rows, cols)
    # (a) nesting: K-chain, items at depth 1, 2 and 4 carry the full plant
    parent = ds
    p = ''
    for d, s in enumerate(K_CHAIN, start=1):
        it = Dataset()
        if d in (1, 2, 4):
            plant_table(pl, it, p + s + '[0].', existing_ok=False, depth=d)
            plant_extras(pl, it, p + s + '[0].')
            plant_private(pl, it, p + s + '[0].', depth=d)
            # nested references to this file's and another file's instances (U consistency)
            it.add_new(0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.7')
            it[0x00081155].value = orig_uids['SOPInstanceUID']
            for r in pl.records:
                if r['path'] == p + s + '[0].(0008,1155)':
                    r['value'] = orig_uids['SOPInstanceUID']
                    r['cat'] = 'table-orig-uid'
            if other_uids:
                it[0x0020000D].value = other_uids.get('StudyInstanceUID', it[0x0020000D].value)
                for r in pl.records:
                    if r['path'] == p + s + '[0].(0020,000D)':
                        r['value'] = str(it[0x0020000D].value)
                        r['cat'] = 'table-orig-uid'
        # keep the chain items recognisable as code items
        it.CodeValue = 'T-D0050'
        it.CodingSchemeDesignator = 'SRT'
        it.CodeMeaning = 'Tissue'
        parent.add_new(tag_of(s), 'SQ', Sequence([it]))
        parent = it
        p = p + s + '[0].'
    # (a) named sequences with nesting: Referenced Study Seq (original Study UID inside),
    # Request Attributes Seq with 2 levels, Other Patient IDs Seq.
    rs = Dataset()
    rs.ReferencedSOPClassUID = '1.2.840.10008.3.1.2.3.1'
    rs.ReferencedSOPInstanceUID = orig_uids.get('StudyInstanceUID', UID_ROOT + '7')
    for kw in ('ReferencedStudySequence', 'RequestAttributesSequence', 'OtherPatientIDsSequence'):
        if kw in ds:
            delattr(ds, kw)
    un_inject = None
    ds.ReferencedStudySequence = Sequence([rs])
    ra = Dataset()
    tk = pl.tok()
    ra.AccessionNumber = ACCN
    ra.RequestedProcedureID = tk
    sp = Dataset()
    sp.ScheduledPerformingPhysicianName = NAME + '^' + tk
    sp.ScheduledProcedureStepDescription = 'for %s %s' % (tk, MRN)
    ra.ScheduledProtocolCodeSequence = Sequence([sp])
    ds.RequestAttributesSequence = Sequence([ra])
    pl.records.append(dict(file=short, path='(0040,0275)', tag='(0040,0275)', vr='SQ', cat='table', token=tk, value='SQ'))
    op = Dataset()
    tk = pl.tok()
    op.PatientID = MRN + tk
    op.IssuerOfPatientID = 'ZQX HOSPITAL ' + tk
    ds.OtherPatientIDsSequence = Sequence([op])
    pl.records.append(dict(file=short, path='(0010,1002)', tag='(0010,1002)', vr='SQ', cat='table', token=tk, value='SQ'))
    # SR: text/PN nested 1 and 3 levels deep in the Content Sequence
    if 'ContentSequence' in ds and ds.get('Modality') == 'SR':
        tk = pl.tok()
        c3 = Dataset(); c3.RelationshipType = 'HAS OBS CONTEXT'; c3.ValueType = 'PNAME'
        c3.ConceptNameCodeSequence = Sequence([Dataset()])
        c3.ConceptNameCodeSequence[0].CodeValue = '121008'; c3.ConceptNameCodeSequence[0].CodingSchemeDesignator = 'DCM'
        c3.ConceptNameCodeSequence[0].CodeMeaning = 'Person Observer Name'
        c3.PersonName = NAME + '^' + tk
        c2 = Dataset(); c2.RelationshipType = 'CONTAINS'; c2.ValueType = 'TEXT'; c2.TextValue = 'Seen %s %s' % (tk, ADDRESS)
        c2.ContentSequence = Sequence([c3])
        c1 = Dataset(); c1.RelationshipType = 'CONTAINS'; c1.ValueType = 'TEXT'; c1.TextValue = 'Patient %s %s %s' % (NAME, tk, PHONE)
        c1.ContentSequence = Sequence([c2])
        ds.ContentSequence.append(c1)
        pl.records.append(dict(file=short, path='(0040,A730)', tag='(0040,A730)', vr='SQ', cat='table-sr-nested', token=tk, value='SQ'))
    # a K sequence encoded as UN (undefined length, implicit VR inside) hiding a name
    if not ds.is_implicit_VR:
        tk = pl.tok()
        raw = implicit_item_bytes([(0x00100010, 'PN', NAME + '^' + tk), (0x00100020, 'LO', MRN + tk)])
        if Tag(0x00081032) in ds:
            del ds[Tag(0x00081032)]
        un_inject = b'\x08\x00\x32\x10UN\x00\x00\xff\xff\xff\xff' + raw   # Procedure Code Sequence (K) as UN, injected after writing
    if already_deid:
        ds.PatientIdentityRemoved = 'YES'
        ds.DeidentificationMethod = 'ZQX FAKE CLAIM'
    # (g) file meta
    fm = getattr(ds, 'file_meta', None)
    if fm is None or len(fm) == 0:
        fm = FileMetaDataset()
        fm.TransferSyntaxUID = '1.2.840.10008.1.2' if ds.is_implicit_VR else '1.2.840.10008.1.2.1'
        ds.file_meta = fm
    fm.MediaStorageSOPClassUID = ds.SOPClassUID
    fm.MediaStorageSOPInstanceUID = orig_uids['SOPInstanceUID']
    fm.ImplementationClassUID = fm.get('ImplementationClassUID', '1.2.826.0.1.3680043.10.999.0')
    for kw, vr in [('SourceApplicationEntityTitle', 'AE'), ('SendingApplicationEntityTitle', 'AE'),
                   ('ReceivingApplicationEntityTitle', 'AE')]:
        v, val, tk = pl.value(vr, Tag(0x0002, 0x0016))
        setattr(fm, kw, val)
        pl.records.append(dict(file=short, path='meta.' + kw, tag=tstr(fm.data_element(kw).tag), vr='AE', cat='file-meta',
                               token=tk, value=val))
    v, val, tk = pl.value('UI', Tag(0x0002, 0x0100))
    fm.PrivateInformationCreatorUID = val
    v, b, tk = pl.value('OB', Tag(0x0002, 0x0102))
    fm.PrivateInformation = b
    pl.records.append(dict(file=short, path='meta.PrivateInformation', tag='(0002,0102)', vr='OB', cat='file-meta', token=tk, value=b.decode()))
    pl.records.append(dict(file=short, path='meta.PrivateInformationCreatorUID', tag='(0002,0100)', vr='UI', cat='file-meta', token=None, value=val))
    if 'FileMetaInformationGroupLength' in fm:
        del fm.FileMetaInformationGroupLength
    out = os.path.join(outdir, short + '.dcm')
    ds.save_as(out, write_like_original=False)
    if un_inject and ds.file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.1':
        rd = pydicom.dcmread(out, defer_size=None)
        pos = None
        for t in sorted(rd._dict):
            if t > Tag(0x00081032):
                r = rd._dict[t]
                hl = 12 if r.VR in ('OB', 'OW', 'SQ', 'UN', 'UT', 'UC', 'UR', 'OF', 'OD', 'OL', 'OV') else 8
                pos = r.value_tell - hl
                break
        b = open(out, 'rb').read()
        open(out, 'wb').write(b[:pos] + un_inject + b[pos:])
        pl.records.append(dict(file=short, path='(0008,1032)', tag='(0008,1032)', vr='UN', cat='un-encoded-sequence', token=tk, value='SQ-as-UN'))
    # original identity of the corpus file: every UID (non-registry) and every date value
    orig = pydicom.dcmread(src, force=True)
    o_uids, o_dates = set(), set()
    def collect(d):
        for el in d:
            if el.VR == 'SQ':
                for i in el.value:
                    collect(i)
            elif el.VR == 'UI' and el.value:
                for u in (el.value if el.VM > 1 else [el.value]):
                    if str(u) not in REGISTRY_UIDS and not str(u).startswith('1.2.840.10008.'):
                        o_uids.add(str(u))
            elif el.VR in ('DA', 'DT') and el.value:
                row = cp_row(el.tag)
                if row is not None:       # only dates the table says to act on
                    for v in (el.value if el.VM > 1 else [el.value]):
                        if len(str(v)) >= 8:
                            o_dates.add(str(v)[:8])
    collect(orig)
    if getattr(orig, 'file_meta', None):
        collect(orig.file_meta)
    return out, pl.records, orig_uids, sorted(o_uids), sorted(o_dates)


def cmd_plant(args):
    shutil.rmtree(args.work + '/in', ignore_errors=True)
    os.makedirs(args.work + '/in')
    manifest = {'files': {}, 'records': []}
    prev_uids = None
    items = list(FILES) + [(dict((s, p) for p, s, _ in FILES)[ALREADY_DEID_FROM], 'already_deid_claim', 'claims (0012,0062)=YES')]
    for i, (rel, short, note) in enumerate(items):
        src = os.path.join(CORPUS, rel)
        try:
            out, recs, ouids, all_uids, dates = make_adversarial(src, short, args.work + '/in', 10000 * (i + 1), prev_uids,
                                                                  already_deid=(short == 'already_deid_claim'))
        except Exception as e:
            print('PLANT FAILED %s: %r' % (short, e))
            continue
        manifest['files'][short] = dict(src=rel, note=note, orig_uids=ouids, all_orig_uids=all_uids, orig_dates=dates)
        manifest['records'] += recs
        prev_uids = ouids
        # sanity: planted file must parse
        pydicom.dcmread(out)
        print('planted %-20s %5d records  %s' % (short, len(recs), note))
    json.dump(manifest, open(args.work + '/manifest.json', 'w'), indent=1, default=str)


# ---------------------------------------------------------------- running
def cmd_run(args):
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
    module = args.module or os.path.join(repo, 'out', 'DicomDeid', 'DicomDeid.psd1')
    key = args.work + '/leakhunt.key'
    for name in args.runs:
        opts = RUNS[name]
        out = args.work + '/out-' + name
        shutil.rmtree(out, ignore_errors=True)
        optarg = ('-Option ' + ','.join(opts)) if opts else ''
        ps = f"""
$ErrorActionPreference='Continue'
Import-Module '{module}'
if (-not (Test-Path '{key}')) {{ New-DicomDeidKey -Path '{key}' | Out-Null }}
$r = Invoke-DicomDeidentification -Path '{args.work}/in' -Destination '{out}' -Recurse -KeyFile '{key}' {optarg} -Confirm:$false -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
$r | Select-Object @{{n="Status";e={{"$($_.Status)"}}}}, Source, Destination, ErrorId, Error, BurnedInRisk | ConvertTo-Json -Depth 3 | Set-Content '{args.work}/audit-{name}.json'
"""
        p = subprocess.run(args.pwsh + ['-NoProfile', '-NonInteractive', '-Command', ps], cwd=repo, capture_output=True, text=True)
        print('run %-22s rc=%d %s' % (name, p.returncode, (p.stderr or '')[-500:]))


# ---------------------------------------------------------------- scanning
def walk(ds, path=''):
    """Yield (path, element) for every element at every depth."""
    for el in ds:
        p = path + tstr(el.tag)
        yield p, el
        if el.VR == 'SQ':
            for i, it in enumerate(el.value):
                yield from walk(it, p + '[%d].' % i)


def el_bytes(el):
    v = el.value
    if v is None:
        return b''
    if isinstance(v, bytes):
        return v
    if isinstance(v, (list, pydicom.multival.MultiValue)):
        return '\\'.join(str(x) for x in v).encode('utf-8', 'replace')
    return str(v).encode('utf-8', 'replace')


def is_empty(el):
    v = el.value
    return v is None or v == '' or v == b'' or (isinstance(v, (list, Sequence, pydicom.multival.MultiValue)) and len(v) == 0)


def raw_dataset_bytes(path):
    b = open(path, 'rb').read()
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=False)
        if ds.file_meta.get('TransferSyntaxUID') == '1.2.840.10008.1.2.1.99':
            # inflate what follows the meta so the raw scan sees the dataset
            gl = ds.file_meta.get('FileMetaInformationGroupLength')
            start = 132 + 12 + gl
            b = b[:start] + zlib.decompress(b[start:], -15)
    except Exception:
        pass
    return b


def scan_one(path, short, options, mf, recs_by_file, uidmap, findings):
    def F(kind, tagpath, planted, got, rule, verdict):
        findings.append(dict(file=short, kind=kind, path=tagpath, planted=str(planted)[:80], got=str(got)[:80],
                             rule=rule, verdict=verdict))
    recs = recs_by_file[short]
    info = mf['files'][short]
    # (iv) dcmdump
    p = subprocess.run(['dcmdump', '-q', path], capture_output=True, text=True, errors='replace')
    if p.returncode != 0 or re.search(r'^[EF]:', p.stderr, re.M):
        F('dcmdump-error', '', '', p.stderr.strip()[:200], 'output must be valid DICOM', 'DEFECT?')
    ds = pydicom.dcmread(path)
    if ds.get('PatientIdentityRemoved') != 'YES':
        F('marker', '(0012,0062)', '', ds.get('PatientIdentityRemoved'), 'PS3.15 E.1.1: Patient Identity Removed = YES', 'DEFECT')
    if 'DeidentificationMethodCodeSequence' not in ds and 'DeidentificationMethod' not in ds:
        F('marker', '(0012,0063/0064)', '', 'absent', 'PS3.15 E.1.1: method must be recorded', 'DEFECT')
    # (ii) parsed walk, all depths + meta
    elems = list(walk(ds.file_meta, 'meta.')) + list(walk(ds))
    by_path = {}
    token_hits = defaultdict(list)
    for p_, el in elems:
        by_path[p_] = el
        if el.VR == 'SQ':
            continue
        b = el_bytes(el)
        for m in TOKEN_RE.findall(b):
            token_hits[m.decode()].append((p_, el))
        for s in FIXED_STRINGS:
            if s.encode() in b and not TOKEN_RE.search(b):
                token_hits[s].append((p_, el))
    tok2rec = {r['token']: r for r in recs if r.get('token')}
    planted_by_path = {r['path']: r for r in recs}

    def shifted_coincidence(p_, el):
        # Under modified dates a shifted date can land on another planted date (e.g. the birth date) by chance:
        # the value planted at this very path was a different date, so it was shifted, not leaked.
        pr = planted_by_path.get(p_)
        if 'RetainLongitudinalModifiedDates' not in options or el.VR not in ('DA', 'DT') or pr is None:
            return False
        return str(pr['value'])[:8] != el_bytes(el)[:8].decode('latin1')
    tok2rec.update({t: r for r in recs for t in r.get('child_tokens', [])})
    for tk, hits in token_hits.items():
        r = tok2rec.get(tk)
        for p_, el in hits:
            row = cp_row(el.tag)
            act = effective_action(row, options) if row else None
            planted = r['path'] + ' (' + r['cat'] + ')' if r else tk
            if r and r['cat'] in ('pn-not-in-table', 'date-not-in-table', 'text-not-in-table') and act is None:
                verdict = 'STANDARD (attribute not in E.1-1)'
            elif r and r['cat'] == 'overlay' and act is None:
                verdict = 'STANDARD (60xx element not in E.1-1)'
            elif r and r['cat'] == 'file-meta' and act is None:
                verdict = 'NOT IN E.1-1 (file meta) - judge'
            elif r and r['cat'] == 'private-safe-listed' and 'RetainSafePrivate' in options and tstr(el.tag) == r['tag']:
                verdict = 'STANDARD (E.3.10 safe private kept)'
            elif act in ('K',):
                verdict = 'STANDARD (option keeps it)'
            elif shifted_coincidence(p_, el):
                verdict = 'OK (shifted date equals a planted date by chance)'
            elif row is None and el.tag.group % 2 == 0 and r and r['cat'].startswith('table'):
                verdict = 'LEAK (table attribute value copied elsewhere)'
            elif row is None and r and r['cat'] == 'un-encoded-sequence':
                verdict = 'LEAK? (inside UN-encoded K sequence; element not in E.1-1 is %s)' % ('K' if not cp_row(Tag(0x00100010)) else 'in table')
            else:
                verdict = 'LEAK'
            F('token', p_, planted, el_bytes(el)[:60].decode('latin1'), act or 'not in E.1-1', verdict)
    # (iii) table actions on every element present, every depth
    planted_at = {r['path']: r for r in recs}
    orig_uid_set = {u for u in set(info['all_orig_uids']) | {r['value'] for r in recs if r['vr'] == 'UI'} if len(u) >= 8}
    for p_, el in elems:
        if p_.startswith('meta.'):
            if el.tag == Tag(0x00020003):
                if str(el.value) != str(ds.get('SOPInstanceUID')):
                    F('meta', p_, info['orig_uids'].get('SOPInstanceUID'), el.value,
                      'Media Storage SOP Instance UID must equal SOP Instance UID', 'DEFECT')
                if str(el.value) in orig_uid_set and 'RetainUIDs' not in options:
                    F('action', p_, '', el.value, '(0002,0003) U', 'LEAK')
            continue
        row = cp_row(el.tag)
        if row is None or (el.tag.element <= 0x00FF and el.tag.group % 2 == 1):
            if el.VR == 'UI' and str(el.value) in orig_uid_set and 'RetainUIDs' not in options:
                F('uid-not-in-table', p_, el.value, el.value, 'UI attribute not in E.1-1 kept an original UID', 'CHECK')
            continue
        act = effective_action(row, options)
        pr = planted_at.get(p_)
        pv = pr['value'] if pr else None
        val_raw = el_bytes(el).decode('latin1')
        val = val_raw.strip(' \x00')
        if el.VR in ('OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'UN') and val_raw:
            val = val or val_raw
        same = pv is not None and pr['vr'] != 'SQ' and val == str(pv).strip()
        name = row['attribute_name']
        rule = '%s %s: %s' % (row['tag'], name, act)
        if act == 'K':
            continue
        if act == 'C' and pr and pr['cat'] == 'private-safe-listed':
            continue      # E.3.10 safe private attribute: retained by RetainSafePrivate
        if act == 'C' and el.VR == 'TM' and 'RetainLongitudinalModifiedDates' in options:
            if same:
                F('note', p_, pv, val, rule, 'STANDARD? (TM kept: whole-day date shift leaves time of day)')
            continue
        if act in ('X',):
            F('action', p_, pv, val if el.VR != 'SQ' else 'SQ(%d items)' % len(el.value), rule, 'LEAK' if same else 'WRONG ACTION (present, X requires removal)')
        elif act == 'U':
            if pv is not None and str(pv).strip() == '' and val == '':
                continue      # original was empty: nothing to replace
            if not re.fullmatch(r'2\.25\.\d+', val) or val in orig_uid_set:
                F('action', p_, pv, val, rule, 'LEAK' if val in orig_uid_set else 'WRONG ACTION (not a 2.25 UID)')
        elif act == 'C':
            if same:
                F('action', p_, pv, val, rule, 'LEAK' if pr.get('token') else 'NOT CLEANED')
            elif row['tag'] in CP and DD.get(row['tag'], {}).get('vr') in ('DA', 'DT') and pv and val[:8] == str(pv)[:8]:
                F('action', p_, pv, val, rule, 'DATE NOT MODIFIED')
        elif el.VR != 'SQ':
            if same:
                F('action', p_, pv, val, rule, 'LEAK')
            elif act == 'Z' and val:
                F('note', p_, pv, val, rule, 'OK-DUMMY (Z allows a dummy)')
            elif act == 'D' and not val:
                F('action', p_, pv, '(empty)', rule, 'WRONG ACTION (D requires non-empty dummy)')
            elif act in ('Z', 'Z/D', 'X/Z', 'X/D', 'X/Z/D', 'D') and el.VR in ('DA', 'DT', 'TM') and val and val in info['orig_dates']:
                F('action', p_, '', val, rule, 'LEAK (original date)')
    # absent-but-required: D/U/Z planted at top level or in K chain, removed
    for r in recs:
        if r['cat'] != 'table' or r['path'] in by_path:
            continue
        row = CP.get(r['tag'])
        act = effective_action(row, options) if row else None
        parent_removed = any(r['path'].startswith(q) and q != r['path'] for q in ())
        # only look at paths whose parent still exists
        par = r['path'].rsplit('.', 1)[0] if '.' in r['path'] else ''
        if par and par.rstrip('.')[:-3] not in by_path and par not in by_path:
            if not any(k.startswith(par) for k in by_path):
                continue
        if act in ('D', 'U', 'Z', 'Z/D', 'K', 'C'):
            # Command elements (0000,xxxx) never belong in a stored dataset, and DicomDeid removes directory
            # elements (0004,xxxx) from ordinary files by design: their removal is no defect under any option.
            by_design = r['tag'].startswith('(0000,') or r['tag'].startswith('(0004,')
            verdict = ('MINOR (group 0000/0004 removed by design; no identity left)' if by_design
                       else 'MINOR (removed instead of %s; no identity left)' % act if act != 'K' else 'WRONG (option says keep)')
            F('removed', r['path'], r['value'], '(absent)', '%s %s: %s' % (r['tag'], row['attribute_name'], act), verdict)
    # UID mapping consistency (collected globally)
    for r in recs:
        if r['vr'] == 'UI' and r['path'] in by_path and r['cat'] in ('table', 'table-orig-uid'):
            uidmap[r['value']].add((str(by_path[r['path']].value), short + ':' + r['path']))
    # (i) raw bytes
    raw = raw_dataset_bytes(path)
    parsed_blob = b'\x00'.join(el_bytes(el) for _, el in elems if el.VR != 'SQ')
    needles = {m.decode() for m in TOKEN_RE.findall(raw)}
    for tk in sorted(needles):
        if tk not in token_hits:
            F('raw-only', '(bytes)', tk, 'token in raw bytes but not in any parsed element', 'any', 'LEAK (hidden)')
    for s in FIXED_STRINGS + [NAME.replace('^', ' ')]:
        for enc in ('ascii', 'utf-16-le'):
            nb = s.encode(enc)
            if nb in raw and (enc != 'ascii' or nb not in parsed_blob):
                F('raw-only', '(bytes/%s)' % enc, s, 'found', 'any', 'LEAK (hidden)')
    for u in info['all_orig_uids'] + [r['value'] for r in recs if r['vr'] == 'UI']:
        if 'RetainUIDs' in options:
            break
        if len(u) < 8:
            continue
        if re.search(re.escape(u.encode()) + rb'(?![0-9.])', raw):
            where = [p_ for p_, el in elems if el.VR != 'SQ' and u.encode() in el_bytes(el)]
            acts = [effective_action(cp_row(by_path[w].tag), options) if not w.startswith('meta.') else 'meta' for w in where]
            verdict = 'LEAK (original UID)'
            if where and all(a is None for a in acts):
                verdict = 'CHECK (UID kept in attribute not in E.1-1)'
            elif where and all(a == 'K' for a in acts):
                verdict = 'STANDARD (option keeps it)'
            F('raw-uid', ','.join(where) or '(bytes)', u, 'found', 'U', verdict)
    mod_dates = 'RetainLongitudinalFullDates' in options
    if not mod_dates:
        for d in info['orig_dates'] + [BIRTH]:
            if d.encode() in raw:
                where = [p_ for p_, el in elems if el.VR != 'SQ' and d.encode() in el_bytes(el)]
                rows = [cp_row(by_path[w].tag) if not w.startswith('meta.') else None for w in where]
                if where and all(by_path[w].VR == 'UI' for w in where) and ('RetainUIDs' in options or all(effective_action(r, options) == 'K' for r in rows if r)):
                    verdict = 'STANDARD (date embedded in a retained UID)'
                elif where and all(r is None for r in rows):
                    verdict = 'STANDARD (date in attribute not in E.1-1)'
                elif where and all(r is not None and effective_action(r, options) == 'K' for r in rows):
                    verdict = 'STANDARD (option keeps it)'
                elif where and all(not w.startswith('meta.') and shifted_coincidence(w, by_path[w]) for w in where):
                    verdict = 'OK (shifted date equals a planted date by chance)'
                else:
                    verdict = 'LEAK (original/planted date)'
                F('raw-date', ','.join(where)[:300] or '(bytes)', d, 'found', 'dates', verdict)
    if 'RetainLongitudinalModifiedDates' in options:
        offs = Counter()
        for r in recs:
            if r['vr'] == 'DA' and r['path'] in by_path and len(str(r['value'])) == 8:
                if effective_action(CP.get(r['tag']), options) != 'C':
                    continue
                got = el_bytes(by_path[r['path']]).decode('latin1').strip(' \x00')
                if not got:
                    continue
                try:
                    a = datetime.datetime.strptime(str(r['value']), '%Y%m%d')
                    b = datetime.datetime.strptime(got[:8], '%Y%m%d')
                    offs[(b - a).days] += 1
                except ValueError:
                    F('date-shift', r['path'], r['value'], by_path[r['path']].value, 'C (modified date)', 'WRONG ACTION (not a date)')
        if len(offs) > 1:
            F('date-shift', '', '', dict(offs.most_common(5)), 'dates of one patient shifted by one offset', 'DEFECT (inconsistent shift)')
        elif offs and 0 in offs:
            F('date-shift', '', '', dict(offs), 'C (modified date)', 'DEFECT (not shifted)')
    return ds


def cmd_scan(args):
    mf = json.load(open(args.work + '/manifest.json'))
    recs_by_file = defaultdict(list)
    for r in mf['records']:
        recs_by_file[r['file']].append(r)
    report = {}
    for name in args.runs:
        options = RUNS[name]
        out = args.work + '/out-' + name
        findings = []
        uidmap = defaultdict(set)
        try:
            audit = json.load(open(args.work + '/audit-%s.json' % name))
            audit = audit if isinstance(audit, list) else [audit]
        except Exception:
            audit = []
        for a in audit:
            if a.get('Status') not in ('Success', 'AlreadyDeidentified'):
                findings.append(dict(file=os.path.basename(a.get('Source', '')), kind='status', path='', planted='',
                                     got='%s %s %s' % (a.get('Status'), a.get('ErrorId'), (a.get('Error') or '')[:150]),
                                     rule='', verdict='NOT WRITTEN'))
        for short in mf['files']:
            path = os.path.join(out, short + '.dcm')
            if not os.path.exists(path):
                findings.append(dict(file=short, kind='missing', path='', planted='', got='no output', rule='', verdict='NO OUTPUT'))
                continue
            try:
                scan_one(path, short, options, mf, recs_by_file, uidmap, findings)
            except Exception as e:
                findings.append(dict(file=short, kind='scan-error', path='', planted='', got=repr(e)[:200], rule='', verdict='OUTPUT UNREADABLE?'))
        if 'RetainUIDs' not in options:
            new2orig = defaultdict(set)
            for u, outs in uidmap.items():
                vals = {v for v, _ in outs}
                for v in vals:
                    new2orig[v].add(u)
                if len(vals) > 1:
                    findings.append(dict(file='*', kind='uid-consistency', path='; '.join(sorted(w for _, w in outs))[:200],
                                         planted=u, got=' | '.join(sorted(vals))[:200], rule='U: internally consistent',
                                         verdict='DEFECT (same UID mapped differently)'))
            for v, us in new2orig.items():
                if len(us) > 1:
                    findings.append(dict(file='*', kind='uid-collision', path='', planted=' | '.join(sorted(us)), got=v,
                                         rule='U', verdict='DEFECT (different UIDs mapped to one)'))
        report[name] = findings
        c = Counter(f['verdict'].split(' (')[0] for f in findings)
        print('== run %s options=%s: %s' % (name, options, dict(c)))
        for f in findings:
            if f['verdict'].startswith(('OK-DUMMY',)) and not args.verbose:
                continue
            print('  %-18s %-12s %-55s planted=%-40s got=%-40s | %s | %s' % (
                f['file'], f['kind'], f['path'][:55], f['planted'][:40], f['got'][:40], f['rule'][:60], f['verdict']))
    json.dump(report, open(args.work + '/report.json', 'w'), indent=1)
    return report


# Verdicts that are defects of DicomDeid (the others are the standard's behaviour, allowed variants or notes).
DEFECT_VERDICTS = ('LEAK', 'DEFECT', 'WRONG', 'NOT CLEANED', 'NOT WRITTEN', 'NO OUTPUT', 'OUTPUT UNREADABLE')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('step', choices=['plant', 'run', 'scan', 'all'])
    ap.add_argument('--work', default='/tmp/leakhunt')
    ap.add_argument('--runs', nargs='*', default=list(RUNS))
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--module', help='DicomDeid.psd1 to test (default: <repo>/out/DicomDeid/DicomDeid.psd1)')
    ap.add_argument('--pwsh', default='dotnet pwsh', help='command that starts PowerShell (default: "dotnet pwsh")')
    ap.add_argument('--strict', action='store_true', help='exit 1 when any finding is a defect (LEAK, DEFECT, WRONG ...)')
    args = ap.parse_args()
    args.pwsh = args.pwsh.split()
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    if args.step in ('plant', 'all'):
        cmd_plant(args)
    if args.step in ('run', 'all'):
        cmd_run(args)
    if args.step in ('scan', 'all'):
        report = cmd_scan(args)
        defects = sum(1 for fs in report.values() for f in fs if f['verdict'].startswith(DEFECT_VERDICTS))
        print('defects: %d' % defects)
        if args.strict and defects:
            sys.exit(1)


if __name__ == '__main__':
    main()
