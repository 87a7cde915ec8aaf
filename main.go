// Command taxo is a terminal browser for content taxonomies: concepts,
// categories and tags kept as markdown files with front matter.
package main

import (
	"context"
	"os"

	"taxo/internal/cli"
	"taxo/ui"
)

func main() {
	keepWritingPastAClosedPipe()
	streams := cli.OS()
	streams.Browse = ui.Run
	os.Exit(cli.Run(context.Background(), os.Args[1:], streams))
}
