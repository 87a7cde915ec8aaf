package tagwrite

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Undo is what it takes to put a written file back byte for byte.
type Undo struct {
	Path   string `json:"path"`
	Before []byte `json:"before"` // what the file held
	After  []byte `json:"after"`  // what taxo wrote
}

// Undo puts the file back as it was before the write, as Write writes;
// refused with ErrChanged when the file is no longer what taxo wrote.
func (w Writer) Undo(u Undo) error {
	_, err := w.Write(u.Path, u.After, u.Before)
	return err
}

// Journal records the writes of one run over many files (taxo retag), so
// that all of them can be undone later, from another process.
type Journal struct {
	Root    string    `json:"root"`    // the site's folder, which no undo leaves
	Command string    `json:"command"` // what was run, for messages
	Time    time.Time `json:"time"`
	Files   []Undo    `json:"files"`
}

// UndoAll puts back every file of the journal that is still as taxo wrote
// it. Files changed since are left alone and reported, each in err.
func (w Writer) UndoAll(j Journal) (undone int, err error) {
	var errs []error
	for _, u := range j.Files {
		if e := w.Undo(u); e != nil {
			errs = append(errs, e)
			continue
		}
		undone++
	}
	return undone, errors.Join(errs...)
}

// SaveJournal writes the journal to path (made with its folder when
// missing), replacing it atomically.
func SaveJournal(path string, j Journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".taxo-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// ReadJournal reads a journal SaveJournal wrote.
func ReadJournal(path string) (Journal, error) {
	var j Journal
	data, err := os.ReadFile(path)
	if err != nil {
		return j, err
	}
	if err := json.Unmarshal(data, &j); err != nil {
		return j, fmt.Errorf("%s is not a journal of taxo's: %w", path, err)
	}
	return j, nil
}
