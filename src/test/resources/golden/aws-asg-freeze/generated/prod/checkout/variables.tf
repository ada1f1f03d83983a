variable "autoscaling_group_name" {
  description = "Name of the Auto Scaling group prewarm schedules (policy target.name)."
  type        = string
  default     = "checkout-asg"
}

variable "region" {
  description = "AWS region of the Auto Scaling group (policy target.region)."
  type        = string
  default     = "eu-central-1"
}
