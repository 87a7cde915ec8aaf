// Command gen writes a synthetic taxonomy shaped like a real one, for
// benchmarks and load tests:
//
//	go run ./internal/gen [-seed S] N DIR
//
// writes N terms (about 5 KB each) under DIR/content/, the same files for
// the same N and seed. DIR must not already hold a content folder. The
// shape is described in package taxo/internal/gen/synth.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"taxo/internal/gen/synth"
)

func main() {
	seed := flag.Uint64("seed", 1, "the seed: the same N and seed give the same files")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./internal/gen [-seed S] N DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := strconv.Atoi(flag.Arg(0))
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "gen: N must be a number of terms, not %q\n", flag.Arg(0))
		os.Exit(2)
	}
	files := synth.Generate(n, *seed)
	if err := synth.Write(flag.Arg(1), files); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	fmt.Printf("%d terms in %d files, %.1f MB, under %s\n", n, len(files), float64(size)/1e6, flag.Arg(1))
}
