//go:build !unix

package loader

// openNonblock is not needed where opening a file never waits.
const openNonblock = 0
