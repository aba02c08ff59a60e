// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi CLI that
// `npm run setup:pulumi-cli` builds beside the CLI.
//
// Why it exists: the Pulumi CLI is published as Go modules, but the official Node.js language
// host (module sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by every Go module proxy,
// and without a language host the CLI cannot run a TypeScript program at all. This host does
// only what `pulumi up`, `preview`, `refresh` and `destroy` need from one: it starts
// `@pulumi/pulumi/cmd/run` (the program runner that ships in the @pulumi/pulumi npm package, the
// same one the official host starts) with the monitor and engine addresses, the stack's
// configuration and the project's runtime options. Everything else, the engine, the resource
// monitor, the state, the plan and the provider protocol, is the real CLI's.
//
// Not provided (the CLI reports them as unsupported): `pulumi install` / `pulumi new` dependency
// installation, program generation (`pulumi convert`), policy packs and component plugins.
// Installed Pulumi CLIs ship the official host and never use this one.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set at build time to the CLI's version, so `pulumi about` shows matching versions.
var version = "dev"

// The runner exits with this code after it has already shown the user an actionable message;
// the engine is told to stop without printing another one.
const exitAfterUserActionableMessage = 32

func main() {
	// The engine passes its own address as the last argument; the flags are those the CLI may
	// pass to any language host and are accepted for compatibility.
	flag.String("tracing", "", "Zipkin-compatible tracing endpoint (not used)")
	flag.String("root", "", "project root (the engine also sends it in Handshake)")
	flag.Parse()

	engineAddress := ""
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[len(args)-1]
	}

	host := &languageHost{engineAddress: engineAddress}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start its RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
}

func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// GetRequiredPackages reports the resource plugins that installed npm packages declare
// (`"pulumi": {"resource": true}` in their package.json), as the official host does, so that
// the engine can tell a missing plugin before the program runs. Dynamic providers need none:
// their host, pulumi-resource-pulumi-nodejs, ships with the CLI.
func (h *languageHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	packages := []*pulumirpc.PackageDependency{}
	for _, plugin := range resourcePluginsIn(dir) {
		packages = append(packages, &pulumirpc.PackageDependency{
			Name: plugin.name, Kind: "resource", Version: plugin.version, Server: plugin.server,
		})
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

type resourcePlugin struct{ name, version, server string }

// resourcePluginsIn reads the package.json of every package in the nearest node_modules above
// dir (scoped packages included). Unreadable entries are skipped: this is a pre-flight hint, the
// engine still loads plugins on demand.
func resourcePluginsIn(dir string) []resourcePlugin {
	modules := ""
	for d := dir; d != "" && modules == ""; {
		if st, err := os.Stat(filepath.Join(d, "node_modules")); err == nil && st.IsDir() {
			modules = filepath.Join(d, "node_modules")
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if modules == "" {
		return nil
	}
	var manifests []string
	entries, _ := os.ReadDir(modules)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "@") {
			scoped, _ := os.ReadDir(filepath.Join(modules, e.Name()))
			for _, s := range scoped {
				manifests = append(manifests, filepath.Join(modules, e.Name(), s.Name(), "package.json"))
			}
			continue
		}
		manifests = append(manifests, filepath.Join(modules, e.Name(), "package.json"))
	}
	var plugins []resourcePlugin
	for _, manifest := range manifests {
		raw, err := os.ReadFile(manifest)
		if err != nil {
			continue
		}
		var pkg struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Pulumi  struct {
				Resource bool   `json:"resource"`
				Name     string `json:"name"`
				Version  string `json:"version"`
				Server   string `json:"server"`
			} `json:"pulumi"`
		}
		if json.Unmarshal(raw, &pkg) != nil || !pkg.Pulumi.Resource {
			continue
		}
		name := pkg.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(pkg.Name, "@pulumi/"), "@")
		}
		v := pkg.Pulumi.Version
		if v == "" {
			v = pkg.Version
		}
		if v != "" && !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		plugins = append(plugins, resourcePlugin{name: name, version: v, server: pkg.Pulumi.Server})
	}
	return plugins
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, "node is not on the PATH")
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, status.Errorf(codes.Internal, "node --version failed: %v", err)
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(string(out))}, nil
}

// Run starts the program runner of the project's own @pulumi/pulumi and waits for it.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH"}, nil
	}
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runner, err := resolveFrom(node, programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{
			Error: "It looks like the Pulumi SDK has not been installed. Have you run npm install?",
		}, nil
	}

	options := req.GetInfo().GetOptions().AsMap()
	args := []string{}
	if nodeArgs, ok := options["nodeargs"].(string); ok && nodeArgs != "" {
		args = append(args, strings.Fields(nodeArgs)...)
	}
	args = append(args, runner)
	flagIf := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()
	flagIf("monitor", req.GetMonitorAddress())
	flagIf("engine", engineAddress)
	flagIf("organization", req.GetOrganization())
	flagIf("project", req.GetProject())
	flagIf("stack", req.GetStack())
	flagIf("pwd", req.GetPwd())
	flagIf("root-directory", req.GetInfo().GetRootDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flagIf("parallel", fmt.Sprint(req.GetParallel()))
	}
	entryPoint := req.GetInfo().GetEntryPoint()
	if entryPoint == "" {
		entryPoint = req.GetProgram()
	}
	if entryPoint == "" {
		entryPoint = "."
	}
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(nonNil(req.GetConfig()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize configuration: %v", err)}, nil
	}
	secretKeys, err := json.Marshal(nonNilSlice(req.GetConfigSecretKeys()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize secret keys: %v", err)}, nil
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	// TypeScript through ts-node is the runtime's default; `typescript: false` in Pulumi.yaml
	// turns it off.
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == exitAfterUserActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program with node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveFrom resolves a module the way the program itself would, from its own directory, so a
// project's own @pulumi/pulumi (hoisted or not) is the one that runs it.
func resolveFrom(node, dir, module string) (string, error) {
	cmd := exec.Command(node, "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
