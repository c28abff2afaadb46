package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// The Python runtime does two jobs, using the SDK's own executor script and the engine's gRPC
// contract:
//
//   - Run: executes the program with `python -u pulumi-language-python-exec …`, the script shipped
//     in the sdk/v3 module, which the build copies next to this binary.
//   - RunPlugin: starts a policy pack with `python -u -m pulumi.policy ENGINE PACKDIR` and streams
//     its output back to the engine.
//   - GenerateProgram and GenerateProject: Python source from PCL, with Pulumi's own Python code
//     generator (pkg/v3/codegen/python), for `pulumi import` and `pulumi convert --language python`.
type pythonHost struct {
	base
	execPath string
}

func init() {
	runtimes["pulumi-language-python"] = func(dir, engine string) (pulumirpc.LanguageRuntimeServer, error) {
		execPath := filepath.Join(dir, "pulumi-language-python-exec")
		if _, err := os.Stat(execPath); err != nil {
			return nil, fmt.Errorf("missing executor %s next to the language host: %w", execPath, err)
		}
		return &pythonHost{base: base{engineAddress: engine}, execPath: execPath}, nil
	}
}

// pythonFor picks the interpreter: the project's `virtualenv` runtime option (relative to the
// project root), then PULUMI_PYTHON_CMD, then python3 on PATH.
func pythonFor(info *pulumirpc.ProgramInfo) string {
	if info != nil && info.GetOptions() != nil {
		if v, ok := info.GetOptions().AsMap()["virtualenv"].(string); ok && v != "" {
			venv := v
			if !filepath.IsAbs(venv) {
				venv = filepath.Join(info.GetRootDirectory(), venv)
			}
			return filepath.Join(venv, "bin", "python")
		}
	}
	if cmd := os.Getenv("PULUMI_PYTHON_CMD"); cmd != "" {
		return cmd
	}
	return "python3"
}

func (h *pythonHost) About(_ context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	python := pythonFor(req.GetInfo())
	out, err := exec.Command(python, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", python, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: python,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "Python "),
	}, nil
}

// Run executes a Python program with the SDK's executor script.
func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	env, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	args := []string{
		"-u", h.execPath,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.engineAddress,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", req.GetPwd(),
		"--dry_run", strconv.FormatBool(req.GetDryRun()),
		"--parallel", strconv.Itoa(int(req.GetParallel())),
		"--organization", req.GetOrganization(),
	}
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		args = append(args, "--root_directory", root)
	}
	program := req.GetProgram()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, pythonFor(req.GetInfo()), args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), env...)
	return runProgram(cmd, "Python"), nil
}

// RunPlugin starts a Python policy pack and streams its output and exit code to the engine.
func (h *pythonHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	if req.GetKind() != "" && req.GetKind() != "analyzer" {
		return fmt.Errorf("this language host runs only policy packs, not %q plugins", req.GetKind())
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	args := append([]string{"-u", "-m", "pulumi.policy"}, req.GetArgs()...)
	args = append(args, dir)
	cmd := exec.CommandContext(server.Context(), pythonFor(req.GetInfo()), args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = req.GetEnv()

	var mu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return server.Send(resp)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	own(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting policy pack: %w", err)
	}
	defer track(cmd)()
	var wg sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		buf := make([]byte, 32*1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				chunk := append([]byte(nil), buf[:n]...)
				if sendErr := send(wrap(chunk)); sendErr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()
	code := 0
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return err
		}
		code = exitErr.ExitCode()
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// pythonBindOptions are the PCL binding options of Pulumi's Python host: output-versioned
// invokes, and the lenient checks unless the engine asks for strict binding (convert's --strict).
func pythonBindOptions(strict bool) []pcl.BindOption {
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	return opts
}

// GenerateProgram turns PCL into Python source: `pulumi import` prints the result as the code to
// paste into the program. Schemas come from the engine's loader (the providers it runs).
func (h *pythonHost) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	parser := syntax.NewParser()
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names) // diagnostics in a stable order
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{
			Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics),
		}, nil
	}
	program, diags, err := pcl.BindProgram(
		parser.Files, schema.NewCachedLoader(loader), pythonBindOptions(req.GetStrict())...)
	if err != nil && !diags.HasErrors() {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, genDiags, err := pygen.GenerateProgram(program)
	if err != nil {
		return nil, err
	}
	diags = append(diags, genDiags...)
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags),
	}, nil
}

// GenerateProject writes a Python project (Pulumi.yaml, __main__.py, requirements.txt) from the
// PCL program in SourceDirectory: `pulumi convert --language python`, after a converter plugin
// (pulumi-converter-yaml for --from yaml) has written the PCL.
func (h *pythonHost) GenerateProject(
	_ context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	program, diags, err := pcl.BindDirectory(
		req.GetSourceDirectory(), schema.NewCachedLoader(loader), pythonBindOptions(req.GetStrict())...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, fmt.Errorf("decoding the project: %w", err)
	}
	deps, err := pythonRequirements(program, req.GetLocalDependencies())
	if err != nil {
		return nil, err
	}
	if err := pygen.GenerateProject(req.GetTargetDirectory(), project, program, deps, "", ""); err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// Link is called by `pulumi convert` after GenerateProject with the SDKs it generated locally, which
// are those of parameterized packages only. Our packages need none, so there is nothing to link;
// a local SDK would need GeneratePackage, which this host does not implement either.
func (h *pythonHost) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	if len(req.GetPackages()) > 0 {
		names := make([]string, 0, len(req.GetPackages()))
		for _, p := range req.GetPackages() {
			names = append(names, p.GetPackage().GetName())
		}
		return nil, fmt.Errorf("linking local SDKs (%s) is not supported by this language host",
			strings.Join(names, ", "))
	}
	return &pulumirpc.LinkResponse{}, nil
}

// pythonRequirements adds, to the engine's local dependencies, the requirements.txt line of each
// package whose schema names a Python module inside another distribution
// (language.python.packageName "pulumi_did_agents.native.sdk"). The code generator writes
// packageName both as the import and as the requirement; a dotted module path would name no
// distribution, so the requirement becomes the top-level package's distribution
// (pulumi-did-agents), pinned to the schema version.
func pythonRequirements(program *pcl.Program, local map[string]string) (map[string]string, error) {
	deps := make(map[string]string, len(local))
	for name, path := range local {
		deps[name] = path
	}
	packages, err := program.CollectNestedPackageSnapshots()
	if err != nil {
		return nil, err
	}
	for name, pkg := range packages {
		if _, ok := deps[name]; ok {
			continue
		}
		if err := pkg.ImportLanguages(map[string]schema.Language{"python": pygen.Importer}); err != nil {
			return nil, err
		}
		info, ok := pkg.Language["python"].(pygen.PackageInfo)
		top, _, dotted := strings.Cut(info.PackageName, ".")
		if !ok || !dotted {
			continue
		}
		requirement := strings.ReplaceAll(top, "_", "-")
		if pkg.Version != nil {
			requirement += "==" + pkg.Version.String()
		}
		deps[name] = requirement
	}
	return deps, nil
}
