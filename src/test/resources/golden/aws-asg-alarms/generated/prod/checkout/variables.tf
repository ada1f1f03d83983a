variable "autoscaling_group_name" {
  description = "Name of the Auto Scaling group prewarm schedules (policy target.name)."
  type        = string
  default     = "checkout-asg"
}
