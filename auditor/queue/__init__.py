"""A batch spread over many machines: one Celery job per site, Redis as the broker, one shared store.

``auditor batch SITES --queue redis://…`` opens (or resumes) the run in the store exactly as a
local batch does (:meth:`auditor.pipeline.Batch.open`) and puts one job on the queue for each site
the store does not hold yet (:mod:`auditor.queue.jobs`). ``auditor worker`` (:mod:`auditor.queue.worker`)
takes jobs one at a time, audits the site with the pipeline's own per-site code
(:func:`auditor.pipeline.audit_batch_site`) and stores it before it acknowledges the job; a job
whose worker dies goes back on the queue after the broker's visibility timeout.

Exactly once, although a job may be delivered twice (a worker that is slow past the visibility
timeout, or one killed after storing but before acknowledging):

* the store keeps the first result of a site and ignores any later one
  (:func:`auditor.store.save_site_once`);
* each attempt writes its evidence into a folder of its own (``evidence/run-N/<attempt>/``), so a
  second attempt never overwrites the files the first one's stored result points to; the attempt
  that loses the race deletes its folder;
* a worker auditing a site holds a lease on it in Redis that it renews while it works
  (:mod:`auditor.queue.control`): a second delivery of the job meanwhile is put back on the queue
  for later rather than audited twice, and the lease of a dead worker simply expires.

Progress, status and cancelling read the store (what is done) and Redis (leases: what is in
progress and where; the cancelled runs).
"""
