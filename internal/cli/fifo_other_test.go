//go:build !unix

package cli_test

import "errors"

func mkfifo(string) error { return errors.New("named pipes are made only on unix") }
