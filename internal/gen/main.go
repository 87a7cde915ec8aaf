// Command gen writes a synthetic taxonomy shaped like a real one, for
// benchmarks and load tests:
//
//	go run ./internal/gen [-seed S] [-pages M] N DIR
//
// writes N terms (about 5 KB each) under DIR/content/, the same files for
// the same N and seed; with -pages, a Hugo site (DIR/hugo.toml) of N term
// pages and M content pages (about 3 KB each), in two languages. DIR must
// not already hold a content folder. The shape is described in package
// taxo/internal/gen/synth.
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
	pages := flag.Int("pages", -1, "write a Hugo site with this many content pages")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./internal/gen [-seed S] [-pages M] N DIR")
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
	what := fmt.Sprintf("%d terms", n)
	if *pages >= 0 {
		files = synth.GenerateSite(n, *pages, *seed)
		what = fmt.Sprintf("a site of %d terms and %d pages", n, *pages)
	}
	if err := synth.Write(flag.Arg(1), files); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	fmt.Printf("%s in %d files, %.1f MB, under %s\n", what, len(files), float64(size)/1e6, flag.Arg(1))
}
