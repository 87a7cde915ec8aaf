// Command mkmixed writes the mixed good and bad taxonomy of package testtree
// to a folder, to try taxo on by hand:
//
//	go run ./internal/testtree/mkmixed /tmp/mixed && taxo check -d /tmp/mixed
package main

import (
	"fmt"
	"os"

	"taxo/internal/testtree"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkmixed DIR (a folder that does not exist yet)")
		os.Exit(2)
	}
	dir := os.Args[1]
	if _, err := os.Lstat(dir); err == nil {
		fmt.Fprintf(os.Stderr, "mkmixed: %s exists; give a new folder\n", dir)
		os.Exit(2)
	}
	cases, err := testtree.Write(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkmixed:", err)
		os.Exit(1)
	}
	bad := 0
	for _, c := range cases {
		if c.Bad() {
			bad++
		}
	}
	fmt.Printf("%s: %d files, %d with a problem\n", dir, len(cases), bad)
}
