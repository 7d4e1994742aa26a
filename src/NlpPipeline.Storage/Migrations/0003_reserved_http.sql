-- Number 3 is reserved for the HTTP-hardening branch (fetch cache, validators). This file only keeps the
-- numbering 1..n gapless on the `social` branch; when that branch's 0003 is merged, delete this file.
SELECT 1;
