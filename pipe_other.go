//go:build !unix

package main

// keepWritingPastAClosedPipe has nothing to do where there is no SIGPIPE.
func keepWritingPastAClosedPipe() {}
