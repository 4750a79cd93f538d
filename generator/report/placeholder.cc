// (stage under construction: machine-readable reports)
