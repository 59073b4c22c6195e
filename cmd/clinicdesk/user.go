package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

const userUsage = `usage:
  clinicdesk user add --role R --email E --name "Full Name" [--db PATH]
  clinicdesk user list [--search TEXT] [--db PATH]
  clinicdesk user disable|enable --email E [--db PATH]
  clinicdesk user passwd --email E [--db PATH]      (the user must change it at next login)
  clinicdesk user key-add --email E --key "ssh-ed25519 AAAA… comment" [--db PATH]
`

const userAddUsage = `usage: clinicdesk user add --role R --email E --name "Full Name" [--db PATH]
         [--licence L] [--qualification Q] [--speciality S1,S2] [--fee CENTS]

Creates an account. The password is asked twice on the terminal, or read as one line
from standard input when it is piped.
`

func runUser(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, userUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return usagef("user needs a sub-command: add, list, disable, enable, passwd or key-add ('clinicdesk user --help')")
	}
	switch args[0] {
	case "add":
		return runUserAdd(args, stdin, stdout, stderr)
	case "list":
		return runUserList(args[1:], stdout)
	case "disable", "enable", "passwd", "key-add":
		return runUserChange(args[0], args[1:], stdin, stdout, stderr)
	}
	return usagef("unknown sub-command %q of user: add, list, disable, enable, passwd or key-add", args[0])
}

func runUserAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("clinicdesk user add", userAddUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	role := fs.String("role", "", "admin, receptionist, doctor, pharmacist or patient")
	email := fs.String("email", "", "the login email")
	name := fs.String("name", "", "the full name")
	licence := fs.String("licence", "", "licence number (doctors and pharmacists)")
	qualification := fs.String("qualification", "", "qualification (doctors)")
	speciality := fs.String("speciality", "", "specialities, comma-separated (doctors)")
	fee := fs.Int64("fee", 0, "consultation fee in cents (doctors)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	n := store.NewUser{Email: *email, FullName: *name, Role: store.Role(*role)}
	switch n.Role {
	case store.RoleDoctor:
		n.Doctor = &store.DoctorProfile{Qualification: *qualification, LicenceNumber: *licence,
			Specialisations: strings.Split(*speciality, ","), FeeCents: *fee}
	case store.RolePharmacist:
		n.Pharmacist = &store.PharmacistProfile{LicenceNumber: *licence}
		if err := onlyForDoctors(fs, n.Role, "qualification", "speciality", "fee"); err != nil {
			return err
		}
	default:
		if err := onlyForDoctors(fs, n.Role, "licence", "qualification", "speciality", "fee"); err != nil {
			return err
		}
	}
	path, err := existingDBPath(*db)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openDB(ctx, path, stderr, storeOptions...)
	if err != nil {
		return err
	}
	defer s.Close()
	actor := store.System("clinicdesk user add")
	if err := s.CheckNewUser(ctx, actor, n); err != nil {
		return err // what is missing, before the password is asked for
	}
	if n.Password, err = readPassword(stdin, stderr); err != nil {
		return err
	}
	u, err := s.CreateUser(ctx, actor, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s (%s)\n", u.Role, textsafe.Line(u.Email), textsafe.Line(u.FullName))
	return nil
}

// onlyForDoctors refuses a professional flag given for a role that has no use for it,
// rather than drop what was typed without a word.
func onlyForDoctors(fs *flagSet, role store.Role, names ...string) error {
	for _, name := range names {
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
		if !set {
			continue
		}
		who := "doctors"
		if name == "licence" {
			who = "doctors and pharmacists"
		}
		return usagef("--%s is for %s; a %s account has none", name, who, role)
	}
	return nil
}

// readPassword asks twice on a terminal without echo; from a pipe it reads one line,
// for scripts.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(stderr, "Password again: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(first) != string(second) {
			return "", fmt.Errorf("the two passwords differ")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
