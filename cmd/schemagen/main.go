// Command schemagen rewrites the generated parts of schema.sql (the updated_at and
// audit triggers, and each audited table's audit_values column) from
// internal/schemagen's list of audited tables. It runs from the repository root by
// `go generate ./...`.
package main

import (
	"fmt"
	"os"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

func main() {
	const path = "schema.sql"
	old, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
	updated, err := schemagen.Replace(string(old))
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
	info, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(path, []byte(updated), info.Mode().Perm()); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}
