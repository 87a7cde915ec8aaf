//go:build unix

package loader

import "syscall"

// openNonblock keeps opening a named pipe from waiting for a writer.
const openNonblock = syscall.O_NONBLOCK

// openDirectory opens a folder and nothing else.
const openDirectory = syscall.O_DIRECTORY
