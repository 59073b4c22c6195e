package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsText is the blocklist, most frequent first, one lower-cased password a
// line; its header names the source (Dropbox zxcvbn's list from Mark Burnett's public-domain
// ten-million-password set, as shipped in github.com/trustelem/zxcvbn v1.0.1, MIT).
//
//go:embed common-passwords.txt
var commonPasswordsText string

// commonPasswords is built on first use so that importing the package costs nothing.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 48000)
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[line] = struct{}{}
	}
	return set
})

// isCommon reports whether an already lower-cased password is on the blocklist. Only an
// exact match counts: a common password with something added is judged by its length.
func isCommon(lower string) bool {
	_, ok := commonPasswords()[lower]
	return ok
}
