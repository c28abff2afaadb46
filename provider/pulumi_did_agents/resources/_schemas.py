"""Pydantic models that validate resource inputs in ``check``.

They mirror the resource's snake_case input names (not the API's wire names) so that a
validation error's location is the property the user wrote, e.g. ``presenter.source_url``.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AgentInputs",
    "BackgroundInputs",
    "CustomLlmInputs",
    "DOCUMENT_TYPES",
    "DocumentInputs",
    "KnowledgeBaseInputs",
    "LlmInputs",
    "PresenterInputs",
    "PromptCustomizationInputs",
    "VoiceInputs",
]

DOCUMENT_TYPES = ("pdf", "text", "html", "markdown", "csv", "json")

_STRICT = ConfigDict(extra="forbid")
_URL_PATTERN = r"^https?://\S+$"
# Documents are fetched by the API, which decides what it can read; besides http(s) the emulator
# reads file: and data: URLs (used by the examples), so any absolute URI passes here.
_SOURCE_URL_PATTERN = r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$"


def _optional_url() -> Any:
    return Field(default=None, pattern=_URL_PATTERN)


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


class VoiceInputs(BaseModel):
    model_config = _STRICT
    type: str = Field(min_length=1)
    voice_id: str | None = None
    language: str | None = None
    voice_config: dict[str, Any] | None = None


class BackgroundInputs(BaseModel):
    model_config = _STRICT
    color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    source_url: str | None = _optional_url()


class PresenterInputs(BaseModel):
    model_config = _STRICT
    type: Literal["talk", "clip", "expressive"]
    source_url: str | None = _optional_url()
    thumbnail: str | None = _optional_url()
    stitch: bool | None = None
    presenter_id: str | None = None
    background: BackgroundInputs | None = None
    voice: VoiceInputs | None = None

    @model_validator(mode="after")
    def _required_per_type(self) -> Self:
        if self.type == "talk" and not self.source_url:
            raise ValueError("a talk presenter needs source_url (the photo URL)")
        if self.type in ("clip", "expressive") and not self.presenter_id:
            raise ValueError(f"a {self.type} presenter needs presenter_id")
        return self


class PromptCustomizationInputs(BaseModel):
    model_config = _STRICT
    role: str | None = None
    personality: str | None = None
    topics_to_avoid: list[str] | None = None
    max_response_length: int | None = Field(default=None, gt=0)
    knowledge_source: Literal["base_knowledge", "documents"] | None = None
    prompt_knowledge: str | None = None


class CustomLlmInputs(BaseModel):
    model_config = _STRICT
    type: Literal["basic", "oauth2"] = "basic"
    url: str = Field(pattern=_URL_PATTERN)
    key: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    token_url: str | None = _optional_url()
    streaming: bool | None = None
    max_messages: int | None = Field(default=None, gt=0)
    headers: dict[str, str] | None = None

    @model_validator(mode="after")
    def _credentials_per_type(self) -> Self:
        if self.type == "basic" and not self.key:
            raise ValueError("a basic custom LLM needs key")
        if self.type == "oauth2" and not (self.client_id and self.client_secret and self.token_url):
            raise ValueError("an oauth2 custom LLM needs client_id, client_secret and token_url")
        return self


class LlmInputs(BaseModel):
    model_config = _STRICT
    provider: Literal["openai", "google", "d-id", "custom", "external"] | None = None
    model: str | None = None
    instructions: str | None = None
    template: Literal["rag-grounded", "rag-ungrounded", "assistant"] | None = None
    temperature: float | None = Field(default=None, ge=0, le=1)
    prompt_customization: PromptCustomizationInputs | None = None
    custom: CustomLlmInputs | None = None

    @model_validator(mode="after")
    def _custom_block(self) -> Self:
        if self.provider == "custom" and self.custom is None:
            raise ValueError("provider 'custom' needs the custom block (url and credentials)")
        return self


class AgentInputs(BaseModel):
    model_config = _STRICT
    name: str = Field(min_length=1)
    description: str | None = None
    presenter: PresenterInputs
    llm: LlmInputs | None = None
    knowledge_id: str | None = Field(default=None, min_length=1)
    greetings: list[str] = Field(default_factory=list)
    starter_messages: list[str] = Field(default_factory=list)
    user_data: str | None = Field(default=None, min_length=1, max_length=1000)
    embed: bool = False
    triggers: dict[str, Any] | None = None
    adopt_id: str | None = Field(default=None, pattern=r"^\S+$")

    _user_data_not_blank = field_validator("user_data")(_not_blank)


class KnowledgeBaseInputs(BaseModel):
    model_config = _STRICT
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    adopt_id: str | None = Field(default=None, pattern=r"^\S+$")


class DocumentInputs(BaseModel):
    model_config = _STRICT
    knowledge_id: str = Field(min_length=1)
    source_url: str = Field(pattern=_SOURCE_URL_PATTERN)
    title: str = Field(min_length=1)
    document_type: Literal["pdf", "text", "html", "markdown", "csv", "json"]
    webhook: str | None = _optional_url()
    adopt_id: str | None = Field(default=None, pattern=r"^\S+#\S+$")
