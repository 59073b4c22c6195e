package common

import (
	"errors"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// PasswordFields are the two inputs of every form that sets a password: the password,
// checked against the policy as it is typed, and the same again. title names the first
// ("Password", "New password"); facts gives the account's email and name at the moment
// of checking, since the form may be editing them too.
func PasswordFields(title string, password, again *string, facts func() auth.UserFacts) []huh.Field {
	differ := "The two " + strings.ToLower(title) + "s differ."
	return []huh.Field{
		huh.NewInput().Title(title).Description("At least 15 characters; a few words make a good one.").
			EchoMode(huh.EchoModePassword).Value(password).
			Validate(func(p string) error { return auth.CheckPassword(p, facts()) }),
		huh.NewInput().Title(title + " again").EchoMode(huh.EchoModePassword).Value(again).
			Validate(func(p string) error {
				if p != *password {
					return errors.New(differ)
				}
				return nil
			}),
	}
}
