infra/main.tf
resource "azurerm_cognitive_deployment" "d" {
  name = "gpt-4o"
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  version_upgrade_option = "OnceNewDefaultVersionAvailable"
}
