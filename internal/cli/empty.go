package cli

import (
	"fmt"
	"strings"

	"taxo/internal/english"
	"taxo/loader"
)

// requireTerms fails a command run on a taxonomy with no term at all, which
// is a wrong or empty folder more often than a taxonomy: it says what was
// looked for and where, rather than printing nothing and succeeding.
func (a *app) requireTerms(tx *taxonomy) error {
	if len(tx.result.Terms) > 0 || len(tx.result.Pages) > 0 || a.source() == "" {
		return nil
	}
	if tx.result.Files > 0 {
		return failure("no term could be read from the %s in %s; taxo check -d %s says why",
			english.Plural(tx.result.Files, "term file"), a.source(), a.source())
	}
	var b strings.Builder
	what := "term files"
	if tx.result.Site != nil {
		what = "terms or content pages"
	}
	fmt.Fprintf(&b, "no %s in %s; taxo reads:", what, a.source())
	for _, line := range loader.LookedFor() {
		b.WriteString("\n  - " + line)
	}
	return failure("%s", b.String())
}
