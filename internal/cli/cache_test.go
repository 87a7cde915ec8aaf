package cli

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// cacheFiles lists the index cache files under the cache folder home.
func cacheFiles(t *testing.T, home string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(home, "taxo", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestIndexCacheSettings: a command keeps its index cache in the user's
// cache folder, and nowhere else, unless --no-cache or TAXO_NO_CACHE says
// not to; the output is the same either way.
func TestIndexCacheSettings(t *testing.T) {
	want, _, code := run(t, nil, "list", "-d", siteDir, "--no-cache")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		cached bool
	}{
		{"by default", nil, nil, true},
		{"--no-cache", []string{"--no-cache"}, nil, false},
		{"TAXO_NO_CACHE", nil, map[string]string{"TAXO_NO_CACHE": "1"}, false},
		{"--no-cache=false over TAXO_NO_CACHE", []string{"--no-cache=false"}, map[string]string{"TAXO_NO_CACHE": "1"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t, siteDir)
			before := snapshot(t, site)
			home := t.TempDir()
			env := map[string]string{"XDG_CACHE_HOME": home}
			maps.Copy(env, tt.env)
			for range 2 { // the first writes the cache, the second reads it
				out, errOut, code := run(t, env, append([]string{"list", "-d", site}, tt.args...)...)
				if code != ExitOK || out != want {
					t.Fatalf("exit %d, %q, %q; want %q", code, out, errOut, want)
				}
			}
			if got := cacheFiles(t, home); len(got) > 0 != tt.cached {
				t.Errorf("cache files %q; want some: %v", got, tt.cached)
			}
			if after := snapshot(t, site); !maps.Equal(before, after) {
				t.Errorf("the site changed:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// TestIndexCacheSpoiltIsRebuilt: a cache file (the records, or the graph
// kept beside them) that is garbage, empty or cut short is read as none
// and written anew, without a word.
func TestIndexCacheSpoiltIsRebuilt(t *testing.T) {
	want, wantErr, _ := run(t, nil, "list", "-d", siteDir, "--no-cache")
	spoil := map[string]func([]byte) []byte{
		"empty":     func([]byte) []byte { return nil },
		"cut short": func(b []byte) []byte { return b[:len(b)/2] },
		"garbage": func(b []byte) []byte {
			for i := range b {
				b[i] = byte(i * 7)
			}
			return b
		},
	}
	for _, which := range []string{"records", "graph"} {
		for name, f := range spoil {
			t.Run(which+" "+name, func(t *testing.T) {
				env := map[string]string{"XDG_CACHE_HOME": t.TempDir()}
				run(t, env, "list", "-d", siteDir)
				files := cacheFiles(t, env["XDG_CACHE_HOME"])
				if len(files) != 2 {
					t.Fatalf("cache files %q; want the records and the graph", files)
				}
				file := files[0] // <hash>-g<language>.idx sorts before <hash>.idx
				if which == "records" {
					file = files[1]
				}
				good, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, f(append([]byte(nil), good...)), 0o600); err != nil {
					t.Fatal(err)
				}
				out, errOut, code := run(t, env, "list", "-d", siteDir)
				if code != ExitOK || out != want || errOut != wantErr {
					t.Errorf("exit %d, %q, %q; want %q and %q", code, out, errOut, want, wantErr)
				}
				if again, err := os.ReadFile(file); err != nil || len(again) < len(good)/2 {
					t.Errorf("the cache was not written anew: %d bytes, %v", len(again), err)
				}
			})
		}
	}
}
