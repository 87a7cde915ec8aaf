//go:build !unix

package safe

// openNonblock is not needed where opening a file never waits.
const openNonblock = 0
