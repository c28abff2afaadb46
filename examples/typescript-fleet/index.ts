// The fleet of examples/yaml-fleet in TypeScript: the same resources, names, properties and outputs,
// declared with the generated SDK of the native provider (types and properties of schema.json).
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as didagents from "@pulumi-did-agents/didagents";

const config = new pulumi.Config();
// Defaults are declared in Pulumi.yaml, as in the YAML program.
const siteOrigin = config.require("siteOrigin");
const supportInstructions = config.require("supportInstructions");
const partnerLlmKey = config.requireSecret("partnerLlmKey");

// The documents are the YAML example's files, so both programs publish the same URLs. Against the
// local emulator documents are files; against the D-ID API publish them and use https:// URLs.
const docs = `file://${path.resolve("../yaml-fleet/docs")}`;

const presenter: didagents.types.input.PresenterArgs = {
    type: "clip",
    presenterId: "v2_public_Amber@0zSz8kflCN",
    voice: { type: "microsoft", voiceId: "en-US-JennyMultilingualV2Neural" },
};

const product = new didagents.KnowledgeBase("product", {
    name: "product-handbook",
    description: "Product facts shared by the sales and support agents",
});
const hr = new didagents.KnowledgeBase("hr", {
    name: "employee-handbook",
    description: "Internal policies for the HR assistant",
});

function document(name: string, kb: didagents.KnowledgeBase, file: string, title: string): didagents.Document {
    return new didagents.Document(name, { knowledgeId: kb.knowledgeId, sourceUrl: `${docs}/${file}`, title });
}

const warranty = document("product-warranty", product, "warranty.md", "Warranty");
const returns = document("product-returns", product, "returns.md", "Returns");
const pricing = document("product-pricing", product, "pricing.md", "Pricing");
const leave = document("hr-leave", hr, "leave.md", "Leave policy");

const support = new didagents.Agent(
    "support",
    {
        name: "support-agent",
        description: "Customer support for warranty and returns",
        presenter,
        llm: { provider: "openai", model: "gpt-4o-mini", template: "rag-grounded", instructions: supportInstructions },
        knowledgeId: product.knowledgeId,
        greetings: ["Hi! I can help with warranty and returns."],
        starterMessages: ["How long is the warranty?", "How do I return an item?"],
    },
    // Useful only once its documents are ingested.
    { dependsOn: [warranty, returns] },
);
const sales = new didagents.Agent(
    "sales",
    {
        name: "sales-agent",
        description: "Pre-sales questions about plans and prices",
        presenter: { ...presenter, voice: { type: "microsoft", voiceId: "en-US-GuyNeural" } },
        llm: {
            provider: "openai",
            model: "gpt-4o-mini",
            template: "rag-grounded",
            instructions:
                "You are the sales assistant. Quote prices exactly as the pricing page states them and " +
                "never promise discounts.",
        },
        knowledgeId: product.knowledgeId,
        greetings: ["Hello! Looking for the right plan?"],
        starterMessages: ["What does the Pro plan cost?"],
    },
    { dependsOn: [pricing] },
);
const hrAssistant = new didagents.Agent(
    "hr-assistant",
    {
        name: "hr-assistant",
        description: "Answers employees' questions about leave",
        presenter,
        llm: {
            provider: "openai",
            model: "gpt-4o-mini",
            template: "rag-grounded",
            instructions: "You are the HR assistant. Answer from the employee handbook only.",
        },
        knowledgeId: hr.knowledgeId,
        greetings: ["Hi, ask me about leave and time off."],
        // Write-only: D-ID stores it but never returns it, so refresh keeps the declared value.
        userData: "department=hr",
    },
    { dependsOn: [leave] },
);
const partner = new didagents.Agent("partner", {
    name: "partner-agent",
    description: "Answers partners from the partner's own model",
    presenter,
    llm: {
        provider: "custom",
        instructions: "You answer partner questions about the product.",
        custom: { url: "https://llm.partner.example.com/v1/chat", key: partnerLlmKey },
    },
    knowledgeId: product.knowledgeId,
});

const supportWeb = new didagents.ClientKey("support-web", {
    agentId: support.agentId,
    allowedDomains: [siteOrigin],
    name: "website",
});

export const agentIds = {
    support: support.agentId,
    sales: sales.agentId,
    hr: hrAssistant.agentId,
    partner: partner.agentId,
};
export const knowledgeBaseIds = { product: product.knowledgeId, hr: hr.knowledgeId };
export const supportClientKey = supportWeb.clientKey;
