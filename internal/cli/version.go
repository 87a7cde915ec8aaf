package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// BuildInfo is what the binary knows of its own making.
type BuildInfo struct {
	Version   string // module version, or "devel" for a build from a clone
	Revision  string // VCS revision, when built from a checkout
	Modified  bool   // the checkout had uncommitted changes
	GoVersion string
}

// Version reads the build information Go records in the binary.
func Version() BuildInfo {
	v := BuildInfo{Version: "devel"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.GoVersion = info.GoVersion
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// Short is the version with an abbreviated revision: "devel (1a2b3c4d5e6f)".
func (v BuildInfo) Short() string {
	s := v.Version
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " (" + rev
		if v.Modified {
			s += ", modified"
		}
		s += ")"
	}
	return s
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, VCS revision and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := Version()
			fmt.Fprintf(a.io.Out, "taxo %s\n", v.Version)
			if v.Revision != "" {
				modified := ""
				if v.Modified {
					modified = " (modified)"
				}
				fmt.Fprintf(a.io.Out, "revision %s%s\n", v.Revision, modified)
			}
			if v.GoVersion != "" {
				fmt.Fprintf(a.io.Out, "built with %s\n", v.GoVersion)
			}
			return nil
		},
	}
}
