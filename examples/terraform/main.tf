# Deploys the released Action (code.js from a GitHub release of this project, checked against
# SHA256SUMS) and binds it to post-login with the auth0 Terraform provider.
# See docs/install-other-ways.md. Variables hold secrets: keep them out of the repository
# (TF_VAR_... in the pipeline) and remember the provider keeps them in its state.

terraform {
  required_providers {
    auth0 = {
      source  = "auth0/auth0"
      version = "~> 1.0"
    }
  }
}

provider "auth0" {}

variable "linking_domain" { type = string }
variable "linking_client_id" { type = string }
variable "linking_client_secret" {
  type      = string
  sensitive = true
}
# dry-run for the first apply: read the logs, then link.
variable "linking_mode" {
  type    = string
  default = "dry-run"
}
variable "trusted_connections" {
  type    = string
  default = ""
}
# The post-login Actions the tenant already runs, in order; this one is added last.
variable "other_post_login_actions" {
  type    = list(object({ id = string, display_name = string }))
  default = []
}

resource "auth0_action" "link_accounts_by_email" {
  name    = "link-accounts-by-email"
  runtime = "node22"
  deploy  = true
  code    = file("${path.module}/code.js")

  supported_triggers {
    id      = "post-login"
    version = "v3"
  }

  # Exactly the versions tenant.yaml of the same release declares.
  dependencies {
    name    = "auth0"
    version = "7.1.0"
  }
  dependencies {
    name    = "jose"
    version = "5.10.0"
  }

  secrets {
    name  = "AUTH0_DOMAIN"
    value = var.linking_domain
  }
  secrets {
    name  = "AUTH0_CLIENT_ID"
    value = var.linking_client_id
  }
  secrets {
    name  = "AUTH0_CLIENT_SECRET"
    value = var.linking_client_secret
  }
  secrets {
    name  = "LINKING_MODE"
    value = var.linking_mode
  }
  secrets {
    name  = "TRUSTED_CONNECTIONS"
    value = var.trusted_connections
  }
}

# auth0_trigger_actions owns the whole post-login list: every Action the tenant runs at login must
# be listed here, or Terraform unbinds it.
resource "auth0_trigger_actions" "post_login" {
  trigger = "post-login"

  dynamic "actions" {
    for_each = var.other_post_login_actions
    content {
      id           = actions.value.id
      display_name = actions.value.display_name
    }
  }

  actions {
    id           = auth0_action.link_accounts_by_email.id
    display_name = auth0_action.link_accounts_by_email.name
  }
}
