//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// keepWritingPastAClosedPipe makes a write to a pipe whose reader has gone
// (taxo list --json | head) fail with EPIPE instead of killing taxo, which
// then still finishes writing its index cache: killed mid-write, it left a
// temporary file in the cache folder.
func keepWritingPastAClosedPipe() { signal.Ignore(syscall.SIGPIPE) }
