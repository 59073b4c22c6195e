package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"testing"
)

// storeInterfaces are the interfaces of api.go.
var storeInterfaces = []reflect.Type{
	reflect.TypeFor[Database](),
	reflect.TypeFor[Sessions](),
	reflect.TypeFor[Accounts](),
	reflect.TypeFor[Patients](),
	reflect.TypeFor[Charts](),
	reflect.TypeFor[Calendars](),
	reflect.TypeFor[Appointments](),
	reflect.TypeFor[Portal](),
	reflect.TypeFor[Prescriptions](),
	reflect.TypeFor[Dispensing](),
	reflect.TypeFor[Inventory](),
	reflect.TypeFor[Notifications](),
	reflect.TypeFor[Messages](),
	reflect.TypeFor[AuditTrail](),
	reflect.TypeFor[ClinicSettings](),
	reflect.TypeFor[Printing](),
	reflect.TypeFor[Tills](),
	reflect.TypeFor[ClinicReports](),
	reflect.TypeFor[Backups](),
	reflect.TypeFor[Erasures](),
}

// Every exported method of *Store is in exactly one interface of api.go, so the
// interfaces are the whole surface of the store, each method found in one place.
func TestEveryStoreMethodIsInOneInterface(t *testing.T) {
	t.Parallel()
	in := map[string][]string{}
	for _, it := range storeInterfaces {
		for i := range it.NumMethod() {
			name := it.Method(i).Name
			in[name] = append(in[name], it.Name())
		}
	}
	st := reflect.TypeFor[*Store]()
	for i := range st.NumMethod() {
		name := st.Method(i).Name
		switch len(in[name]) {
		case 1:
		case 0:
			t.Errorf("(*Store).%s is in no interface of api.go: add it to its aggregate's", name)
		default:
			t.Errorf("(*Store).%s is in %d interfaces: %v", name, len(in[name]), in[name])
		}
	}
	t.Logf("%d methods of *Store in %d interfaces", st.NumMethod(), len(storeInterfaces))
}

// storeInterfaces lists every interface api.go declares, so that the test above checks
// a new interface too.
func TestStoreInterfacesListsAPI(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "api.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			ts := s.(*ast.TypeSpec)
			if _, ok := ts.Type.(*ast.InterfaceType); ok {
				declared = append(declared, ts.Name.Name)
			}
		}
	}
	var listed []string
	for _, it := range storeInterfaces {
		listed = append(listed, it.Name())
	}
	slices.Sort(declared)
	slices.Sort(listed)
	if !slices.Equal(declared, listed) {
		t.Errorf("api.go declares %v; storeInterfaces lists %v", declared, listed)
	}
}
