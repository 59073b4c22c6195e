package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

func runUserList(args []string, stdout io.Writer) error {
	fs := newFlags("clinicdesk user list", "usage: clinicdesk user list [--search TEXT] [--db PATH]\n\nLists accounts with their state and last login.\n", stdout)
	db := fs.String("db", "", "the clinic database file")
	search := fs.String("search", "", "only accounts whose name or email contains this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db, os.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	users, err := s.ListUsers(ctx, store.System("clinicdesk user list"), *search)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tROLE\tEMAIL\tNAME\tSTATE\tLAST LOGIN")
	now := s.Now()
	for _, u := range users {
		state := "active"
		switch {
		case !u.Active:
			state = "deactivated"
		case u.LockedUntil.After(now):
			// Network password logins are held back after repeated failures.
			state = "locked until " + u.LockedUntil.Format("2006-01-02 15:04 MST")
		case u.MustChangePassword:
			state = "must change password"
		}
		last := "never"
		if !u.LastLoginAt.IsZero() {
			last = u.LastLoginAt.Format("2006-01-02 15:04 MST")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Role, textsafe.Truncate(u.Email, 40),
			textsafe.Truncate(u.FullName, 40), state, last)
	}
	return w.Flush()
}

// userChangeUsage is the help of each account-changing sub-command.
var userChangeUsage = map[string]string{
	"disable": "usage: clinicdesk user disable --email E [--db PATH]\n\nDeactivates the account; its open sessions end at their next key.\n",
	"enable":  "usage: clinicdesk user enable --email E [--db PATH]\n\nReactivates a deactivated account.\n",
	"passwd": "usage: clinicdesk user passwd --email E [--db PATH]\n\nSets a temporary password (read as user add reads it); " +
		"the user must change it at the next login.\n",
	"key-add": "usage: clinicdesk user key-add --email E --key \"ssh-ed25519 AAAA… comment\" [--db PATH]\n\n" +
		"Lets the account open the desk over SSH with this public key.\n",
}

// runUserChange deactivates, reactivates, resets the password of, or adds an SSH key
// to the account with the given email.
func runUserChange(cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("clinicdesk user "+cmd, userChangeUsage[cmd], stdout)
	db := fs.String("db", "", "the clinic database file")
	email := fs.String("email", "", "the account's login email")
	keyLine := fs.String("key", "", "an authorized_keys line (key-add)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return usagef("user %s needs --email", cmd)
	}
	if cmd == "key-add" && *keyLine == "" {
		return usagef("user key-add needs --key \"ssh-ed25519 AAAA… comment\"")
	}
	path, err := existingDBPath(*db) // before the password is asked for
	if err != nil {
		return err
	}
	var password string
	if cmd == "passwd" {
		if password, err = readPassword(stdin, stderr); err != nil {
			return err
		}
	}
	ctx := context.Background()
	s, err := openDB(ctx, path, stderr, storeOptions...)
	if err != nil {
		return err
	}
	defer s.Close()
	actor := store.System("clinicdesk user " + cmd)
	u, err := s.UserByEmail(ctx, actor, *email)
	if err != nil {
		return err
	}
	switch cmd {
	case "disable":
		err = s.SetUserActive(ctx, actor, u.ID, false)
	case "enable":
		err = s.SetUserActive(ctx, actor, u.ID, true)
	case "passwd":
		err = s.ResetPassword(ctx, actor, u.ID, password)
	case "key-add":
		var k store.SSHKey
		if k, err = s.AddSSHKey(ctx, actor, u.ID, *keyLine); err == nil {
			fmt.Fprintf(stdout, "added key %s for %s\n", textsafe.Line(k.Fingerprint), textsafe.Line(u.Email))
			return nil
		}
	}
	if err != nil {
		return err
	}
	done := map[string]string{"disable": "deactivated", "enable": "reactivated",
		"passwd": "password reset (to be changed at next login) for"}[cmd]
	fmt.Fprintf(stdout, "%s %s\n", done, textsafe.Line(u.Email))
	return nil
}
