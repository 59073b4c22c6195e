package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// erasePrintouts deletes the erased patient's printouts from the print directory:
// those named by their code (a saved export of their record) or by one of their
// appointments, prescriptions or walk-in sales, and any other whose text holds one of
// their identifying strings. They are copies of what
// the file holds, so nothing is lost; the deletion frees the disk blocks but does not
// overwrite them. It returns how many it deleted.
func (s *Store) erasePrintouts(e Erasure, ident []string) (int, error) {
	dir := s.PrintDir()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, printDirError(dir, err)
	}
	codes, err := s.patientCodes(e.PatientID)
	if err != nil {
		return 0, err
	}
	codes = append(codes, e.Code)
	deleted := 0
	for _, entry := range entries {
		if !entry.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, entry.Name())
		named := false
		for _, c := range codes {
			named = named || strings.Contains(entry.Name(), "-"+fileSafe(c)+"-")
		}
		if !named {
			text, err := os.ReadFile(path)
			if err != nil {
				return deleted, printDirError(dir, err)
			}
			named = containsAny(strings.ToLower(string(text)), ident)
		}
		if !named {
			continue
		}
		if err := os.Remove(path); err != nil {
			return deleted, fmt.Errorf("the erasure is saved, but its printout %s could not be deleted: %w", entry.Name(), err)
		}
		deleted++
	}
	return deleted, nil
}

// patientCodes are the codes printouts of the patient are named by: their
// appointments', their prescriptions' and their walk-in sales' (F and the number).
func (s *Store) patientCodes(patientID int64) ([]string, error) {
	rows, err := s.readers.Query(`SELECT appointment_code FROM appointments WHERE patient_id = ?1 AND appointment_code IS NOT NULL
		UNION ALL SELECT prescription_code FROM prescriptions WHERE patient_id = ?1 AND prescription_code IS NOT NULL
		UNION ALL SELECT printf('F%06d', id) FROM pharmacy_fulfillments WHERE patient_id = ?1 AND prescription_id IS NULL`, patientID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, translate(err)
		}
		codes = append(codes, c)
	}
	return codes, translate(rows.Err())
}
