// The fleet of examples/yaml-fleet in Go: the same resources, names, properties and outputs, with
// the generated SDK (sdk/go/didagents) and the native provider plugin.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"example.com/pulumi-didagents/sdk/go/didagents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(fleet)
}

func fleet(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	siteOrigin := cfg.Require("siteOrigin")
	supportInstructions := cfg.Require("supportInstructions")
	partnerLlmKey := cfg.RequireSecret("partnerLlmKey")
	docs, err := docsURL(cfg.Get("docs"))
	if err != nil {
		return err
	}
	presenter := &didagents.PresenterArgs{
		Type:        pulumi.String("clip"),
		PresenterId: pulumi.String("v2_public_Amber@0zSz8kflCN"),
		Voice: &didagents.VoiceArgs{
			Type:    pulumi.String("microsoft"),
			VoiceId: pulumi.String("en-US-JennyMultilingualV2Neural"),
		},
	}

	product, err := didagents.NewKnowledgeBase(ctx, "product", &didagents.KnowledgeBaseArgs{
		Name:        pulumi.String("product-handbook"),
		Description: pulumi.String("Product facts shared by the sales and support agents"),
	})
	if err != nil {
		return err
	}
	hr, err := didagents.NewKnowledgeBase(ctx, "hr", &didagents.KnowledgeBaseArgs{
		Name:        pulumi.String("employee-handbook"),
		Description: pulumi.String("Internal policies for the HR assistant"),
	})
	if err != nil {
		return err
	}

	document := func(name string, kb *didagents.KnowledgeBase, file, title string) (*didagents.Document, error) {
		return didagents.NewDocument(ctx, name, &didagents.DocumentArgs{
			KnowledgeId: kb.KnowledgeId,
			SourceUrl:   pulumi.String(docs + "/" + file),
			Title:       pulumi.String(title),
		})
	}
	warranty, err := document("product-warranty", product, "warranty.md", "Warranty")
	if err != nil {
		return err
	}
	returns, err := document("product-returns", product, "returns.md", "Returns")
	if err != nil {
		return err
	}
	pricing, err := document("product-pricing", product, "pricing.md", "Pricing")
	if err != nil {
		return err
	}
	leave, err := document("hr-leave", hr, "leave.md", "Leave policy")
	if err != nil {
		return err
	}

	support, err := didagents.NewAgent(ctx, "support", &didagents.AgentArgs{
		Name:        pulumi.String("support-agent"),
		Description: pulumi.String("Customer support for warranty and returns"),
		Presenter:   presenter,
		Llm: &didagents.LlmArgs{
			Provider:     pulumi.String("openai"),
			Model:        pulumi.String("gpt-4o-mini"),
			Template:     pulumi.String("rag-grounded"),
			Instructions: pulumi.String(supportInstructions),
		},
		KnowledgeId:     product.KnowledgeId,
		Greetings:       pulumi.ToStringArray([]string{"Hi! I can help with warranty and returns."}),
		StarterMessages: pulumi.ToStringArray([]string{"How long is the warranty?", "How do I return an item?"}),
	}, pulumi.DependsOn([]pulumi.Resource{warranty, returns})) // useful only once its documents are ingested
	if err != nil {
		return err
	}
	sales, err := didagents.NewAgent(ctx, "sales", &didagents.AgentArgs{
		Name:        pulumi.String("sales-agent"),
		Description: pulumi.String("Pre-sales questions about plans and prices"),
		Presenter: &didagents.PresenterArgs{
			Type:        pulumi.String("clip"),
			PresenterId: pulumi.String("v2_public_Amber@0zSz8kflCN"),
			Voice: &didagents.VoiceArgs{
				Type:    pulumi.String("microsoft"),
				VoiceId: pulumi.String("en-US-GuyNeural"),
			},
		},
		Llm: &didagents.LlmArgs{
			Provider: pulumi.String("openai"),
			Model:    pulumi.String("gpt-4o-mini"),
			Template: pulumi.String("rag-grounded"),
			Instructions: pulumi.String("You are the sales assistant. Quote prices exactly as the pricing page " +
				"states them and never promise discounts."),
		},
		KnowledgeId:     product.KnowledgeId,
		Greetings:       pulumi.ToStringArray([]string{"Hello! Looking for the right plan?"}),
		StarterMessages: pulumi.ToStringArray([]string{"What does the Pro plan cost?"}),
	}, pulumi.DependsOn([]pulumi.Resource{pricing}))
	if err != nil {
		return err
	}
	hrAssistant, err := didagents.NewAgent(ctx, "hr-assistant", &didagents.AgentArgs{
		Name:        pulumi.String("hr-assistant"),
		Description: pulumi.String("Answers employees' questions about leave"),
		Presenter:   presenter,
		Llm: &didagents.LlmArgs{
			Provider:     pulumi.String("openai"),
			Model:        pulumi.String("gpt-4o-mini"),
			Template:     pulumi.String("rag-grounded"),
			Instructions: pulumi.String("You are the HR assistant. Answer from the employee handbook only."),
		},
		KnowledgeId: hr.KnowledgeId,
		Greetings:   pulumi.ToStringArray([]string{"Hi, ask me about leave and time off."}),
		// Write-only: D-ID stores it but never returns it, so refresh keeps the declared value.
		UserData: pulumi.String("department=hr"),
	}, pulumi.DependsOn([]pulumi.Resource{leave}))
	if err != nil {
		return err
	}
	partner, err := didagents.NewAgent(ctx, "partner", &didagents.AgentArgs{
		Name:        pulumi.String("partner-agent"),
		Description: pulumi.String("Answers partners from the partner's own model"),
		Presenter:   presenter,
		Llm: &didagents.LlmArgs{
			Provider:     pulumi.String("custom"),
			Instructions: pulumi.String("You answer partner questions about the product."),
			Custom: &didagents.CustomLlmArgs{
				Url: pulumi.String("https://llm.partner.example.com/v1/chat"),
				Key: partnerLlmKey,
			},
		},
		KnowledgeId: product.KnowledgeId,
	})
	if err != nil {
		return err
	}

	supportWeb, err := didagents.NewClientKey(ctx, "support-web", &didagents.ClientKeyArgs{
		AgentId:        support.AgentId,
		AllowedDomains: pulumi.ToStringArray([]string{siteOrigin}),
		Name:           pulumi.String("website"),
	})
	if err != nil {
		return err
	}

	ctx.Export("agentIds", pulumi.StringMap{
		"support": support.AgentId,
		"sales":   sales.AgentId,
		"hr":      hrAssistant.AgentId,
		"partner": partner.AgentId,
	})
	ctx.Export("knowledgeBaseIds", pulumi.StringMap{
		"product": product.KnowledgeId,
		"hr":      hr.KnowledgeId,
	})
	ctx.Export("supportClientKey", supportWeb.ClientKey)
	return nil
}

// docsURL is the documents' base URL: the `docs` setting, else the docs/ folder beside the
// program as a file:// URL (what `${pulumi.cwd}/docs` is in the YAML program).
func docsURL(setting string) (string, error) {
	if setting != "" {
		return setting, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("locating docs/: %w", err)
	}
	return "file://" + filepath.ToSlash(filepath.Join(cwd, "docs")), nil
}
