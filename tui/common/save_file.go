package common

import (
	"os"
	"path/filepath"
	"strings"
)

// SaveText writes text to the file at path and returns the file's absolute path, which
// screens show: a relative name is taken from the desk's working directory (over SSH,
// the server's), so the name as typed would not say where the file went.
//
// The file is readable by its owner only (0600), whatever the umask and whether or not
// a file of that name was there: the text is written to a new file beside it, which
// then replaces the path. A file that was there keeps neither its mode nor, if it was a
// link, its target; a failed write leaves it as it was.
func SaveText(path, text string) (string, error) {
	abs, err := filepath.Abs(strings.TrimSpace(path))
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*")
	if err != nil {
		return abs, err
	}
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), abs)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return abs, err
}
