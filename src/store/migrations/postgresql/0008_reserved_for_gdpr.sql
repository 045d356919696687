-- Number 0008 belongs to the migration of the gdpr branch, developed beside this one; this
-- file only keeps the numbers without a gap until that branch lands, and goes when it does.
SELECT 1;
