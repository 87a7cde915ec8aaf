package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestFlowFromStartToQuit runs the browser as a program: it loads, filters
// by tag, opens a term, follows a link, goes back and quits.
func TestFlowFromStartToQuit(t *testing.T) {
	t.Parallel()
	m := New(Options{Load: loadSample, Source: "sample", Getenv: func(k string) string {
		if k == "COLORFGBG" {
			return "15;0"
		}
		return ""
	}})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.NoTTY)))

	// waitFor reads the output written since the last wait.
	waitFor := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor("Technique")

	tm.Type("t")
	waitFor("Filter by tags")
	tm.Type("lacto")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("tagged Lacto-Fermentation")

	tm.Type("/kimchi")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	// The renderer writes only what changed: wait for the help line of the
	// detail, which the list never shows.
	waitFor("esc back")

	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("Kimchi › ")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("q")

	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(Model)
	if !ok {
		t.Fatal("the program did not end with the browser's model")
	}
	screen := ansi.Strip(final.View().Content)
	for _, want := range []string{"tagged Lacto-Fermentation", "/ kimchi", "› # Kimchi", "# Kimchi"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("after going back the screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "Kimchi › ") {
		t.Fatalf("after going back the breadcrumbs are still on the link followed:\n%s", screen)
	}
}
