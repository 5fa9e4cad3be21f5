"""The CDNOW logs as CSV text for ``calculator.analysis``, and lifetimes'
outputs on them, frozen (see README.md)."""

import json
from functools import cache
from pathlib import Path

SAMPLE = Path(__file__).with_name("CDNOW_sample.txt")
MASTER = Path(__file__).with_name("CDNOW_master.txt")
CALIBRATION_END = "1997-09-30"  # 39 weeks after 1997-01-01, FHL (2005)


@cache
def lifetimes_outputs() -> dict:
    """tests/data/lifetimes.json (tools/freeze_lifetimes.py), read once per process."""
    return json.loads(Path(__file__).with_name("lifetimes.json").read_text(encoding="utf-8"))


def as_csv(path=SAMPLE, *, sample_ids=True):
    """CSV text (customer,date,cds,amount) from a whitespace-separated CDNOW file.

    The sample has two id columns (master id, sample id); the master file
    one, after a header line.
    """
    rows = ["customer,date,cds,amount"]
    for line in Path(path).read_text(encoding="ascii").splitlines():
        fields = line.split()
        if not fields or not fields[0].isdigit():
            continue  # blank line or the master file's header
        if sample_ids:
            fields = fields[1:]
        rows.append(",".join(fields))
    return "\n".join(rows) + "\n"
