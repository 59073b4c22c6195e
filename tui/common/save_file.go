package common

import (
	"os"
	"path/filepath"
	"strings"
)

// SaveText writes text to the file at path and returns the file's absolute path, which
// screens show: a relative name is taken from the desk's working directory (over SSH,
// the server's), so the name as typed would not say where the file went.
func SaveText(path, text string, perm os.FileMode) (string, error) {
	abs, err := filepath.Abs(strings.TrimSpace(path))
	if err != nil {
		return "", err
	}
	return abs, os.WriteFile(abs, []byte(text), perm)
}
