# Application secrets. Terraform creates the containers and generates what it can; the
# values an operator must supply (gateway keys, SMTP password) are set with
# `aws secretsmanager put-secret-value`, never in this repository or in tfvars.
resource "random_password" "django_secret_key" {
  length  = 64
  special = false
}

resource "random_password" "jwt_signing_key" {
  length  = 64
  special = false
}

resource "random_password" "metrics_token" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "app" {
  name       = "jobboard/${var.environment}/app"
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    SECRET_KEY      = random_password.django_secret_key.result
    JWT_SIGNING_KEY = random_password.jwt_signing_key.result
    METRICS_TOKEN   = random_password.metrics_token.result
    REDIS_URL       = "rediss://:${random_password.redis_auth.result}@${aws_elasticache_replication_group.redis.primary_endpoint_address}:6379/0"
  })
  # Rotated values (docs/runbook.md) are written outside Terraform: do not revert them.
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret" "gateways" {
  name       = "jobboard/${var.environment}/gateways"
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_sns_topic" "alarms" {
  name              = "jobboard-${var.environment}-alarms"
  kms_master_key_id = aws_kms_key.data.arn
}

resource "aws_sns_topic_subscription" "alarms_email" {
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}
