// (stage under construction: editorial review and approvals)
