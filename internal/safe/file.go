package safe

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxNamedFile is how large a file a user names may be by default (a config
// file, a Glamour style, a piece of content to suggest terms for): far more
// than any of them holds, and little enough to read at once.
const MaxNamedFile = 4 << 20

// ReadFile reads a file a user named, so that no name makes taxo wait or
// run out of memory: only a regular file is read (a folder, named pipe,
// device or socket is refused before it is opened, and again once open, a
// named pipe being opened without waiting for a writer), and no more than
// limit bytes. Every error is one line that starts with the name (made
// safe to print); a missing file still satisfies errors.Is(err,
// fs.ErrNotExist).
func ReadFile(name string, limit int64) ([]byte, error) {
	shown := Line(name)
	info, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, pathErr(err))
	}
	if err := regular(shown, info, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, pathErr(err))
	}
	defer f.Close()
	// The file may have been replaced between the two looks.
	if info, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("%s: %w", shown, pathErr(err))
	}
	if err := regular(shown, info, limit); err != nil {
		return nil, err
	}
	data, err := readAtMost(f, info.Size(), limit)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, fmt.Errorf("%s grew over the %s limit while being read", shown, Size(limit))
	case err != nil:
		return nil, fmt.Errorf("%s: %w", shown, pathErr(err))
	}
	return data, nil
}

// ReadAll reads a stream a user gave (standard input, named what in
// errors) up to limit bytes, and fails rather than read more.
func ReadAll(r io.Reader, what string, limit int64) ([]byte, error) {
	data, err := readAtMost(r, 0, limit)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, fmt.Errorf("%s holds more than the %s limit", what, Size(limit))
	case err != nil:
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return data, nil
}

var errTooLarge = errors.New("over the limit")

// readAtMost reads r to its end, expecting about size bytes, or fails with
// errTooLarge as soon as it has read more than limit.
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	data := make([]byte, 0, min(size, limit)+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, errTooLarge
		}
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// regular says what is wrong with reading info's file, if anything.
func regular(shown string, info fs.FileInfo, limit int64) error {
	switch m := info.Mode(); {
	case m.IsDir():
		return fmt.Errorf("%s is a folder, not a file", shown)
	case !m.IsRegular():
		return fmt.Errorf("%s is %s, not a regular file", shown, FileType(m))
	case info.Size() > limit:
		return fmt.Errorf("%s is %s, over the %s limit", shown, Size(info.Size()), Size(limit))
	}
	return nil
}

// pathErr drops the operation and path that an *fs.PathError repeats.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FileType names a kind of file that is not a regular one: "a named pipe".
func FileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + m.String()
}

// Size writes a number of bytes for people: "512 B", "4 MiB", "2.5 GiB".
func Size(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v, u = v/1024, u+1
	}
	if u == 0 || v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[u])
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}
