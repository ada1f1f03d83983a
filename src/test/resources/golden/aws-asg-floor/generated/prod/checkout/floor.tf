# FLOOR em-20261128-1 at 30 instances until 2026-11-29T06:00:00Z: black friday: "${checkout}" queue > 10

# Raise the floor to 30 instances now.
resource "aws_autoscaling_schedule" "prewarm_override_start" {
  autoscaling_group_name = var.autoscaling_group_name
  scheduled_action_name  = "prewarm-checkout-em-20261128-1-start"
  start_time             = timeadd(plantimestamp(), "2m")
  min_size               = 30
  max_size               = 60
  desired_capacity       = -1

  lifecycle {
    ignore_changes = [start_time]
  }
}

# Release at expiry: back to the plan's limits; scale-in stays gentle.
resource "aws_autoscaling_schedule" "prewarm_override_end" {
  autoscaling_group_name = var.autoscaling_group_name
  scheduled_action_name  = "prewarm-checkout-em-20261128-1-end"
  start_time             = "2026-11-29T06:00:00Z"
  min_size               = 4
  max_size               = -1
  desired_capacity       = -1
}
