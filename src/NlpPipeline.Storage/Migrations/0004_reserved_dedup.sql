-- Number 4 is reserved for the canonical-URL / near-duplicate branch. This file only keeps the
-- numbering 1..n gapless on the `social` branch; when that branch's 0004 is merged, delete this file.
SELECT 1;
