//go:build !unix

package safe

import "errors"

func mkfifo(string) error { return errors.New("named pipes are made only on unix") }
