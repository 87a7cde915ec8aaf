package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// doneName is the file Cached writes last in a folder, holding what it was
// written from; a folder without it was left half-written.
const doneName = ".taxo-synth"

// Cached returns a folder under the system's temporary folder holding the
// files of Generate(n, seed), writing them the first time. Benchmarks at
// 100,000 terms, about 500 MB, thus pay for writing them once per machine
// session rather than once a run. A folder left half-written, or written
// by another version of the generator, is written again; two processes
// asking at once each write their own and the first to finish wins.
func Cached(n int, seed uint64) (string, error) {
	return cached(fmt.Sprintf("taxo-synth-%d-%d", n, seed), fingerprint(n, seed), func() []File { return Generate(n, seed) })
}

// CachedSite is Cached for GenerateSite(terms, pages, seed).
func CachedSite(terms, pages int, seed uint64) (string, error) {
	stamp := fingerprintOf(fmt.Sprintf("site %d %d %d", terms, pages, seed), GenerateSite(50, 50, seed))
	return cached(fmt.Sprintf("taxo-synth-site-%d-%d-%d", terms, pages, seed), stamp, func() []File { return GenerateSite(terms, pages, seed) })
}

// cached is where the files generate makes are written, under name in the
// temporary folder, stamped with stamp.
func cached(name, stamp string, generate func() []File) (string, error) {
	dir := filepath.Join(os.TempDir(), name)
	if done, err := os.ReadFile(filepath.Join(dir, doneName)); err == nil && string(done) == stamp {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "taxo-synth-writing-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := Write(tmp, generate()); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, doneName), []byte(stamp), 0o644); err != nil {
		return "", err
	}
	if done, err := os.ReadFile(filepath.Join(dir, doneName)); err == nil && string(done) == stamp {
		return dir, nil // written meanwhile by another process
	}
	// A stale or half-written folder goes first; os.Rename does not
	// replace a folder that holds files.
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if done, rerr := os.ReadFile(filepath.Join(dir, doneName)); rerr == nil && string(done) == stamp {
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}

// fingerprint stands for what Generate(n, seed) writes: the count, the
// seed and the files of a small taxonomy from the same generator, so that
// a change to the generator makes older folders stale.
func fingerprint(n int, seed uint64) string {
	return fingerprintOf(fmt.Sprintf("%d %d", n, seed), Generate(50, seed))
}

func fingerprintOf(what string, sample []File) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", what)
	for _, f := range sample {
		fmt.Fprintf(h, "%s %d\n", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}
