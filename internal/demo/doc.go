// Package demo makes the content of a demonstration clinic: people, staff, medicines,
// clinical catalogues and a year or two of appointments, all from a seed.
//
// It is pure: it neither opens the database nor reads the clock. A later step writes what
// it makes through the store. The same seed and reference time give the same clinic on
// every machine: the generator is a PCG source, and every choice is made from integer
// draws (see Rand), so floating-point differences between processors cannot change it.
//
// Conventions of the demo clinic:
//   - it is in India: addresses are Indian cities with PIN codes, and phone numbers are
//     Indian mobile numbers written "+91 98765 43210" (country code, then the ten digits
//     in two groups of five; the first digit is 6 to 9), as patients' names come from many
//     cultures, like a large Indian city's;
//   - money is in integer minor units of the clinic's currency, INR (paise: 50000 is ₹500);
//   - personal emails use the reserved domains example.com, example.org and example.net,
//     staff emails clinicdesk.example, so no real mailbox can receive anything;
//   - licence numbers are made up in one format (see LicenceNumber) and are not real.
package demo
